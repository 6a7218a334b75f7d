import { CliError } from './cli-error.js';
import { ServerError, type SalvageClient } from './http-client.js';
import { childNamed } from './remote-paths.js';
import { uploadFile } from './transfer.js';
import type { PdsFile, PdsUploadStart } from './wire-types.js';

/** Where a file goes and what to do when its name is taken. */
export interface UploadTarget {
  driveId: string;
  parentId: string;
  name: string;
  /** `name(1).ext` instead of failing when the name is taken. */
  rename?: boolean;
}

/**
 * One local file into a folder: create, stream the bytes to the upload URL, complete.
 * `onBytes` hears every chunk sent, for a progress bar.
 */
export async function uploadOne(client: SalvageClient, target: UploadTarget, localFile: string, size: number, onBytes: (n: number) => void): Promise<PdsFile> {
  const start = await startUpload(client, target, size);
  const url = start.part_info_list[0]?.upload_url;
  if (!url) throw new CliError('the server gave no upload URL');
  try {
    await uploadFile(url, localFile, size, onBytes);
  } catch (err) {
    // Left alone, an unfinished upload holds the name for a day; give it back.
    await client.pds('file/delete', { drive_id: target.driveId, file_id: start.file_id }).catch(() => undefined);
    throw err;
  }
  return client.pds<PdsFile>('file/complete', { drive_id: target.driveId, file_id: start.file_id, upload_id: start.upload_id });
}

async function startUpload(client: SalvageClient, target: UploadTarget, size: number): Promise<PdsUploadStart> {
  try {
    return await client.pds<PdsUploadStart>('file/create', {
      drive_id: target.driveId,
      parent_file_id: target.parentId,
      name: target.name,
      type: 'file',
      size,
      check_name_mode: target.rename ? 'auto_rename' : 'ignore',
    });
  } catch (err) {
    if (err instanceof ServerError && err.code === 'AlreadyExist.File') {
      throw new CliError(`'${target.name}' already exists there (use --rename to keep both)`);
    }
    throw err;
  }
}

/** The folder `name` in `parentId`, made if missing; a file of that name is an error. */
export async function folderIn(client: SalvageClient, driveId: string, parentId: string, name: string, shownPath: string): Promise<string> {
  const existing = await childNamed(client, driveId, parentId, name);
  if (existing && existing.type !== 'folder') throw new CliError(`${shownPath} is a file, not a folder`);
  if (existing) return existing.file_id;
  // `refuse` answers the folder that won if another client made it meanwhile.
  const made = await client.pds<{ file_id: string }>('file/create', {
    drive_id: driveId,
    parent_file_id: parentId,
    name,
    type: 'folder',
    check_name_mode: 'refuse',
  });
  return made.file_id;
}
