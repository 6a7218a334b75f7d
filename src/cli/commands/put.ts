import { stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import type { Command } from 'commander';
import { CliError, usageError } from '../client/cli-error.js';
import { clientCommand, type ConnectionOptions } from '../client/connection-options.js';
import { resolveDrive } from '../client/drives.js';
import { noteLine, printLine } from '../client/escape.js';
import { formatBytes } from '../client/format.js';
import type { SalvageClient } from '../client/http-client.js';
import { readLocalTree } from '../client/local-tree.js';
import { progressBar } from '../client/progress.js';
import { pathFrom, resolveFolder, segmentsOf } from '../client/remote-paths.js';
import { connect } from '../client/sign-in.js';
import { folderIn, uploadOne } from '../client/upload.js';
import type { PdsDrive, PdsFile } from '../client/wire-types.js';

interface PutOptions extends ConnectionOptions {
  rename?: boolean;
  recursive?: boolean;
}

/**
 * `salvage put <drive> <local> [remote-folder]`: a file, or with `-r` a folder and
 * everything in it, under one progress bar.
 */
export function putCommand(): Command {
  return clientCommand('put', 'upload a file, or with -r a folder tree, into a folder (with a progress bar)')
    .argument('<drive>', 'drive name or id')
    .argument('<local>', 'file to upload (a folder with -r)')
    .argument('[remote-folder]', 'folder to upload into', '/')
    .option('-r, --recursive', 'upload a folder and everything in it (an existing folder of its name is added to)')
    .option('--rename', 'if a file name is taken, upload as name(1).ext instead of failing')
    .action(async (driveArg: string, local: string, folderPath: string, opts: PutOptions) => {
      const info = await stat(local).catch(() => undefined);
      if (!info) throw new CliError(`no such local file or folder: ${local}`);
      if (info.isDirectory() && !opts.recursive) throw usageError(`${local} is a folder: pass -r to upload it and everything in it`);
      if (!info.isDirectory() && !info.isFile()) throw new CliError(`${local} is not a regular file`);
      const client = await connect(opts);
      const drive = await resolveDrive(client, driveArg);
      const folder = await resolveFolder(client, drive.drive_id, folderPath);
      if (info.isDirectory()) return putTree(client, drive, folder, folderPath, local, opts);
      const bar = progressBar(`put ${basename(local)}`, 'bytes');
      let sent = 0;
      let file: PdsFile;
      try {
        const target = { driveId: drive.drive_id, parentId: folder.file_id, name: basename(local), rename: opts.rename };
        file = await uploadOne(client, target, local, info.size, (n) => bar.update((sent += n), info.size));
        bar.update(info.size, info.size);
      } finally {
        bar.stop();
      }
      printLine(`uploaded ${local} to ${pathFrom([...segmentsOf(folderPath), file.name])} (${formatBytes(file.size)}, id ${file.file_id})`);
    });
}

/**
 * The folder `local` as `<remote-folder>/<its name>`: folders first (parents before
 * children, an existing one reused), then the files one at a time, all under one bar.
 * The first failure stops it: what was uploaded stays, and the line says how far it got.
 */
async function putTree(client: SalvageClient, drive: PdsDrive, into: PdsFile, intoPath: string, local: string, opts: PutOptions): Promise<void> {
  const tree = await readLocalTree(local);
  for (const path of tree.skipped) noteLine(`skipped ${path}: not a regular file or folder (links are not followed)`);
  const topName = basename(resolve(local));
  const top = [...segmentsOf(intoPath), topName];
  const ids = new Map<string, string>([['', await folderIn(client, drive.drive_id, into.file_id, topName, pathFrom(top))]]);
  for (const segments of tree.folders) {
    const parentId = ids.get(segments.slice(0, -1).join('/'))!;
    ids.set(segments.join('/'), await folderIn(client, drive.drive_id, parentId, segments.at(-1)!, pathFrom([...top, ...segments])));
  }
  const bar = progressBar(`put ${topName}`, 'bytes');
  let sent = 0;
  let done = 0;
  try {
    for (const file of tree.files) {
      const target = { driveId: drive.drive_id, parentId: ids.get(file.segments.slice(0, -1).join('/'))!, name: file.segments.at(-1)!, rename: opts.rename };
      try {
        await uploadOne(client, target, file.path, file.size, (n) => bar.update((sent += n), tree.bytes));
      } catch (err) {
        const why = err instanceof Error ? err.message : String(err);
        throw new CliError(`${file.path}: ${why} (${done} of ${tree.files.length} files were uploaded before it)`, err instanceof CliError ? err.exitCode : 1);
      }
      done++;
    }
    bar.update(tree.bytes, tree.bytes);
  } finally {
    bar.stop();
  }
  const folders = tree.folders.length + 1;
  printLine(
    `uploaded ${local} to ${pathFrom(top)} (${done} ${done === 1 ? 'file' : 'files'} in ${folders} ${folders === 1 ? 'folder' : 'folders'}, ${formatBytes(tree.bytes)})`,
  );
}
