import { takenNames } from '../../store/repositories/entries.repository.js';
import type { Db } from '../../store/store.js';
import { type NameTag, suffixedName } from '../names.js';

const CANDIDATES_PER_QUERY = 16;

/**
 * `name` if no live sibling under `parentId` has it, else the first free tagged variant.
 * Looks up candidates sixteen at a time, so even a crowded folder costs few queries.
 */
export interface FreeNameQuery {
  driveId: string;
  parentId: string;
  name: string;
  type: 'file' | 'folder';
  tag: NameTag;
}

export async function freeName(db: Db, query: FreeNameQuery): Promise<string> {
  const { driveId, parentId, name, type, tag } = query;
  if ((await takenNames(db, driveId, parentId, [name])).size === 0) return name;
  for (let first = 1; ; first += CANDIDATES_PER_QUERY) {
    const candidates = Array.from({ length: CANDIDATES_PER_QUERY }, (_, i) => suffixedName({ name, type }, first + i, tag));
    const taken = await takenNames(db, driveId, parentId, candidates);
    const free = candidates.find((c) => !taken.has(c));
    if (free !== undefined) return free;
  }
}
