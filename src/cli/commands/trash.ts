import type { Command } from 'commander';
import { CliError } from '../client/cli-error.js';
import { clientCommand, type ConnectionOptions } from '../client/connection-options.js';
import { resolveDrive } from '../client/drives.js';
import { pathFrom, resolvePath, segmentsOf } from '../client/remote-paths.js';
import { connect } from '../client/sign-in.js';

/** `salvage trash <drive> <path>`: to the recycle bin. Instant, so there is no job to wait for. */
export function trashCommand(): Command {
  return clientCommand('trash', 'move a file or folder to the recycle bin')
    .argument('<drive>', 'drive name or id')
    .argument('<path>', 'file or folder, like /a/b')
    .action(async (driveArg: string, path: string, opts: ConnectionOptions) => {
      const client = await connect(opts);
      const drive = await resolveDrive(client, driveArg);
      const entry = await resolvePath(client, drive.drive_id, path);
      if (entry.file_id === 'root') throw new CliError('the root folder cannot be trashed');
      await client.pds('recyclebin/trash', { drive_id: drive.drive_id, file_id: entry.file_id });
      process.stdout.write(
        `trashed ${pathFrom(segmentsOf(path))} (id ${entry.file_id}; undo with: salvage restore ${drive.drive_name} ${entry.file_id})\n`,
      );
    });
}
