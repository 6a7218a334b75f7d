import { namesOfUsers } from '../../store/repositories/users.repository.js';
import type { Db } from '../../store/store.js';
import type { ActorNames, Entry } from '../types.js';
import { nameAsKnown } from './deleted-names.js';

/**
 * Entries with the names of the users who created, last modified and trashed them, for
 * an answer. The distinct ids of the whole page are looked up in one query, so a page of
 * 100 entries costs one more query, not 100. A deleted user keeps the name they had; an
 * id no user row holds (none should exist) is named ''.
 */
export async function withActorNames<E extends Entry>(db: Db, entries: E[]): Promise<(E & ActorNames)[]> {
  const ids = new Set<string>();
  for (const e of entries) {
    ids.add(e.createdBy);
    ids.add(e.modifiedBy);
    if (e.trashedBy !== null) ids.add(e.trashedBy);
  }
  const names = await namesOfUsers(db, [...ids]);
  const nameOf = (id: string): string => nameAsKnown(names.get(id) ?? '');
  return entries.map((e) => ({
    ...e,
    createdByName: nameOf(e.createdBy),
    modifiedByName: nameOf(e.modifiedBy),
    trashedByName: e.trashedBy === null ? null : nameOf(e.trashedBy),
  }));
}

/** One entry with its actors' names (see withActorNames). */
export async function withActorNamesOf<E extends Entry>(db: Db, entry: E): Promise<E & ActorNames> {
  return (await withActorNames(db, [entry]))[0]!;
}
