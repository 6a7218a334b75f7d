import { CliError } from './cli-error.js';
import type { SalvageClient } from './http-client.js';
import type { PdsFile } from './wire-types.js';

/** `/a/b/` and `a/b` are the same path: segments from the drive's root. */
export const segmentsOf = (path: string): string[] => path.split('/').filter((s) => s !== '');

export const pathFrom = (segments: string[]): string => `/${segments.join('/')}`;

/** A search query string literal: `\` and `"` are its only escapes (docs/pds.md). */
const quoted = (value: string): string => `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;

/** The live child of `parentId` called `name`, if any (names are unique among live siblings). */
export async function childNamed(client: SalvageClient, driveId: string, parentId: string, name: string): Promise<PdsFile | undefined> {
  const page = await client.pds<{ items: PdsFile[] }>('file/search', {
    drive_id: driveId,
    query: `parent_file_id = ${quoted(parentId)} and name = ${quoted(name)}`,
    limit: 1,
  });
  return page.items[0];
}

export const getFile = (client: SalvageClient, driveId: string, fileId: string): Promise<PdsFile> =>
  client.pds<PdsFile>('file/get', { drive_id: driveId, file_id: fileId });

/**
 * The entry at `path`, one segment at a time: a search per segment costs the depth of the
 * path, where listing each folder would cost its size.
 */
export async function resolvePath(client: SalvageClient, driveId: string, path: string): Promise<PdsFile> {
  let entry = await getFile(client, driveId, 'root');
  const segments = segmentsOf(path);
  for (const [i, name] of segments.entries()) {
    const here = pathFrom(segments.slice(0, i));
    if (entry.type !== 'folder') throw new CliError(`${here} is a file, not a folder`);
    const child = await childNamed(client, driveId, entry.file_id, name);
    if (!child) throw new CliError(`no such file or folder: ${pathFrom(segments)} (no '${name}' in ${here})`);
    entry = child;
  }
  return entry;
}

/** Like resolvePath, but the entry must be a folder. */
export async function resolveFolder(client: SalvageClient, driveId: string, path: string): Promise<PdsFile> {
  const entry = await resolvePath(client, driveId, path);
  if (entry.type !== 'folder') throw new CliError(`${pathFrom(segmentsOf(path))} is a file, not a folder`);
  return entry;
}

/** Where an entry is now, walking up its parents (for reporting where a restore put it). */
export async function pathOfEntry(client: SalvageClient, driveId: string, entry: PdsFile): Promise<string> {
  const names: string[] = [];
  let current = entry;
  while (current.file_id !== 'root' && current.parent_file_id !== '') {
    names.unshift(current.name);
    current = await getFile(client, driveId, current.parent_file_id);
  }
  return pathFrom(names);
}
