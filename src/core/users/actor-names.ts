import type { StoredActorNames } from '../../store/repositories/entries.repository.js';
import { namesOfUsers } from '../../store/repositories/users.repository.js';
import type { Db } from '../../store/store.js';
import type { ActorNames, Entry } from '../types.js';
import { nameAsKnown } from './deleted-names.js';

/**
 * Entries with the names of the users who created, last modified and trashed them, for
 * an answer. The distinct ids of the whole page are looked up in one query, so a page of
 * 100 entries costs one more query, not 100. A deleted user keeps the name they had; an
 * id no user row holds (none should exist) is named ''.
 *
 * The names are set on the entries given, not on copies: every caller passes rows it has
 * just read, and copying each row's 25 fields again was a tenth of a bin page's cost.
 */
export async function withActorNames<E extends Entry>(db: Db, entries: E[]): Promise<(E & ActorNames)[]> {
  const nameOf = await userNames(db, entries.flatMap((e) => (e.trashedBy === null ? [e.createdBy, e.modifiedBy] : [e.createdBy, e.modifiedBy, e.trashedBy])));
  const named = entries as (E & ActorNames)[];
  for (const e of named) {
    e.createdByName = nameOf(e.createdBy);
    e.modifiedByName = nameOf(e.modifiedBy);
    e.trashedByName = e.trashedBy === null ? null : nameOf(e.trashedBy);
  }
  return named;
}

/** Jobs with the name of the user who created each (one query for the page, as above). */
export async function withCreatorNames<J extends { createdBy: string }>(db: Db, jobs: J[]): Promise<(J & { createdByName: string })[]> {
  const nameOf = await userNames(db, jobs.map((j) => j.createdBy));
  return jobs.map((j) => ({ ...j, createdByName: nameOf(j.createdBy) }));
}

/** The names of the users `ids` names, looked up in one query; '' for an id no user has. */
async function userNames(db: Db, ids: string[]): Promise<(id: string) => string> {
  const names = await namesOfUsers(db, [...new Set(ids)]);
  return (id) => nameAsKnown(names.get(id) ?? '');
}

/** One entry with its actors' names (see withActorNames). */
export async function withActorNamesOf<E extends Entry>(db: Db, entry: E): Promise<E & ActorNames> {
  return (await withActorNames(db, [entry]))[0]!;
}

/** An entry with the names its read found beside it (see chainWithEntry): the same names withActorNamesOf gives. */
export function withStoredNames<E extends Entry>(entry: E, names: StoredActorNames): E & ActorNames {
  return {
    ...entry,
    createdByName: nameAsKnown(names.createdBy ?? ''),
    modifiedByName: nameAsKnown(names.modifiedBy ?? ''),
    trashedByName: entry.trashedBy === null ? null : nameAsKnown(names.trashedBy ?? ''),
  };
}
