import { rename, stat, unlink } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Command } from 'commander';
import { CliError } from '../client/cli-error.js';
import { clientCommand, type ConnectionOptions } from '../client/connection-options.js';
import { resolveDrive } from '../client/drives.js';
import { formatBytes } from '../client/format.js';
import { progressBar } from '../client/progress.js';
import { pathFrom, resolvePath, segmentsOf } from '../client/remote-paths.js';
import { connect } from '../client/sign-in.js';
import { downloadFile } from '../client/transfer.js';
import { printLine } from '../client/escape.js';

interface GetOptions extends ConnectionOptions {
  force?: boolean;
}

/** Where to write: the given path, a file of the remote name inside a given folder, or here. */
async function targetOf(remoteName: string, localArg: string | undefined, force: boolean | undefined): Promise<string> {
  let target = localArg ?? remoteName;
  if ((await stat(target).catch(() => undefined))?.isDirectory()) target = join(target, remoteName);
  // Never clobber a local file by surprise: the point of Salvage is not losing files.
  if (!force && (await stat(target).catch(() => undefined))) throw new CliError(`${target} already exists (use --force to overwrite it)`);
  return target;
}

/** `salvage get <drive> <remote-path> [local-file]`: streams a file down, with a progress bar. */
export function getCommand(): Command {
  return clientCommand('get', 'download a file (with a progress bar)')
    .argument('<drive>', 'drive name or id')
    .argument('<remote-path>', 'file to download, like /a/b.txt')
    .argument('[local-file]', 'where to write it (default: its name, here)')
    .option('--force', 'overwrite the local file if it exists')
    .action(async (driveArg: string, remotePath: string, localArg: string | undefined, opts: GetOptions) => {
      const client = await connect(opts);
      const drive = await resolveDrive(client, driveArg);
      const file = await resolvePath(client, drive.drive_id, remotePath);
      const shown = pathFrom(segmentsOf(remotePath));
      if (file.type !== 'file') throw new CliError(`${shown} is a folder, not a file`);
      if (file.status !== 'available') throw new CliError(`${shown} is still being uploaded`);
      const target = await targetOf(basename(file.name), localArg, opts.force);
      const { url, size } = await client.pds<{ url: string; size: number }>('file/get_download_url', {
        drive_id: drive.drive_id,
        file_id: file.file_id,
      });
      // Into a temporary name beside the target, so an interrupted download leaves no half file.
      const partial = `${target}.salvage-download`;
      const bar = progressBar(`get ${file.name}`, 'bytes');
      let received = 0;
      try {
        await downloadFile(url, partial, (n) => bar.update((received += n), size));
        bar.update(received, size);
        await rename(partial, target);
      } catch (err) {
        await unlink(partial).catch(() => undefined);
        throw err;
      } finally {
        bar.stop();
      }
      printLine(`downloaded ${shown} to ${target} (${formatBytes(received)})`);
    });
}
