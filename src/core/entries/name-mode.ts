import { findLiveChild } from '../../store/repositories/entries.repository.js';
import type { Db } from '../../store/store.js';
import { DomainError } from '../errors.js';
import { autoRenameTag } from '../names.js';
import type { Entry } from '../types.js';
import { freeName } from './free-name.js';

/**
 * What to do when a live sibling already has the name (PDS check_name_mode):
 * - refuse: create nothing and hand back the existing entry (`exist: true`);
 * - auto_rename: take the first free `name(n)`;
 * - ignore: PDS would allow a duplicate, but names are unique among live siblings here,
 *   so Salvage answers NameConflict (AlreadyExist.File) instead.
 */
export type CheckNameMode = 'ignore' | 'auto_rename' | 'refuse';

export type NameResolution = { name: string; existing?: undefined } | { name: string; existing: Entry };

export interface NameQuery {
  driveId: string;
  parentId: string;
  name: string;
  type: 'file' | 'folder';
  mode: CheckNameMode;
}

export async function resolveName(db: Db, query: NameQuery): Promise<NameResolution> {
  const { driveId, parentId, name, type, mode } = query;
  const clash = await findLiveChild(db, driveId, parentId, name);
  if (!clash) return { name };
  if (mode === 'refuse') return { name, existing: clash };
  if (mode === 'auto_rename') return { name: await freeName(db, { driveId, parentId, name, type, tag: autoRenameTag }) };
  throw nameConflict(name);
}

export const nameConflict = (name: string): DomainError =>
  new DomainError('NameConflict', `an entry named ${name} already exists`, { field: 'name', name });
