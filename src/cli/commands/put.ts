import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { CliError } from '../client/cli-error.js';
import { clientCommand, type ConnectionOptions } from '../client/connection-options.js';
import { resolveDrive } from '../client/drives.js';
import { formatBytes } from '../client/format.js';
import { ServerError, type SalvageClient } from '../client/http-client.js';
import { progressBar } from '../client/progress.js';
import { pathFrom, resolveFolder, segmentsOf } from '../client/remote-paths.js';
import { connect } from '../client/sign-in.js';
import { uploadFile } from '../client/transfer.js';
import type { PdsFile, PdsUploadStart } from '../client/wire-types.js';

interface PutOptions extends ConnectionOptions {
  rename?: boolean;
}

async function localFileSize(file: string): Promise<number> {
  const info = await stat(file).catch(() => undefined);
  if (!info) throw new CliError(`no such local file: ${file}`);
  if (!info.isFile()) throw new CliError(`${file} is not a regular file`);
  return info.size;
}

/** `salvage put <drive> <local-file> [remote-folder]`: create, stream the bytes, complete. */
export function putCommand(): Command {
  return clientCommand('put', 'upload a file into a folder (with a progress bar)')
    .argument('<drive>', 'drive name or id')
    .argument('<local-file>', 'file to upload')
    .argument('[remote-folder]', 'folder to upload into', '/')
    .option('--rename', 'if the name is taken, upload as name(1).ext instead of failing')
    .action(async (driveArg: string, localFile: string, folderPath: string, opts: PutOptions) => {
      const size = await localFileSize(localFile);
      const client = await connect(opts);
      const drive = await resolveDrive(client, driveArg);
      const folder = await resolveFolder(client, drive.drive_id, folderPath);
      const name = basename(localFile);
      const start = await startUpload(client, drive.drive_id, folder.file_id, name, size, opts.rename);
      const remotePath = pathFrom([...segmentsOf(folderPath), start.file_name]);
      const url = start.part_info_list[0]?.upload_url;
      if (!url) throw new CliError('the server gave no upload URL');
      const bar = progressBar(`put ${start.file_name}`, 'bytes');
      let sent = 0;
      try {
        await uploadFile(url, localFile, size, (n) => bar.update((sent += n), size));
        bar.update(size, size);
      } catch (err) {
        // Left alone, an unfinished upload holds the name for a day; give it back.
        await client.pds('file/delete', { drive_id: drive.drive_id, file_id: start.file_id }).catch(() => undefined);
        throw err;
      } finally {
        bar.stop();
      }
      const file = await client.pds<PdsFile>('file/complete', {
        drive_id: drive.drive_id,
        file_id: start.file_id,
        upload_id: start.upload_id,
      });
      process.stdout.write(`uploaded ${localFile} to ${remotePath} (${formatBytes(file.size)}, id ${file.file_id})\n`);
    });
}

async function startUpload(
  client: SalvageClient,
  driveId: string,
  parentId: string,
  name: string,
  size: number,
  rename: boolean | undefined,
): Promise<PdsUploadStart> {
  try {
    return await client.pds<PdsUploadStart>('file/create', {
      drive_id: driveId,
      parent_file_id: parentId,
      name,
      type: 'file',
      size,
      check_name_mode: rename ? 'auto_rename' : 'ignore',
    });
  } catch (err) {
    if (err instanceof ServerError && err.code === 'AlreadyExist.File') {
      throw new CliError(`'${name}' already exists there (use --rename to keep both)`);
    }
    throw err;
  }
}
