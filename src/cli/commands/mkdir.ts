import type { Command } from 'commander';
import { CliError } from '../client/cli-error.js';
import { clientCommand, type ConnectionOptions } from '../client/connection-options.js';
import { resolveDrive } from '../client/drives.js';
import { childNamed, pathFrom, segmentsOf } from '../client/remote-paths.js';
import { printLine } from '../client/escape.js';
import { connect } from '../client/sign-in.js';

/** `salvage mkdir <drive> <path>`: makes every missing folder on the path, like `mkdir -p`. */
export function mkdirCommand(): Command {
  return clientCommand('mkdir', 'make a folder and any missing parents (like mkdir -p)')
    .argument('<drive>', 'drive name or id')
    .argument('<path>', 'folder to make, like /a/b/c')
    .action(async (driveArg: string, path: string, opts: ConnectionOptions) => {
      const client = await connect(opts);
      const drive = await resolveDrive(client, driveArg);
      const segments = segmentsOf(path);
      if (segments.length === 0) throw new CliError('give a folder path below the root, like /a/b');
      let parentId = 'root';
      let made = 0;
      for (const [i, name] of segments.entries()) {
        const existing = await childNamed(client, drive.drive_id, parentId, name);
        if (existing && existing.type !== 'folder') throw new CliError(`${pathFrom(segments.slice(0, i + 1))} is a file, not a folder`);
        if (existing) {
          parentId = existing.file_id;
          continue;
        }
        // `refuse` answers the folder that won if another client made it meanwhile.
        const created = await client.pds<{ file_id: string; exist?: boolean }>('file/create', {
          drive_id: drive.drive_id,
          parent_file_id: parentId,
          name,
          type: 'folder',
          check_name_mode: 'refuse',
        });
        parentId = created.file_id;
        if (!created.exist) made++;
      }
      const full = pathFrom(segments);
      printLine(made === 0 ? `${full} already exists` : `created ${full}`);
    });
}
