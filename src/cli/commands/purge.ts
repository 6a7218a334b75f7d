import type { Command } from 'commander';
import { clientCommand, type ConnectionOptions } from '../client/connection-options.js';
import { resolveDrive } from '../client/drives.js';
import { entries } from '../client/format.js';
import { getFile } from '../client/remote-paths.js';
import { connect } from '../client/sign-in.js';
import { reportStarted, requireSuccess, waitForTask } from '../client/wait-for-task.js';
import { noWaitOption, type WaitOption } from './wait-option.js';

/**
 * `salvage purge <drive> <id>`: permanent delete. Only by id: a name could match something
 * other than what the user looked at, and this cannot be undone.
 */
export function purgeCommand(): Command {
  return clientCommand('purge', 'delete an item for good (it cannot be restored), waiting for the job')
    .argument('<drive>', 'drive name or id')
    .argument('<id>', 'id of the item (see: salvage bin)')
    .addOption(noWaitOption())
    .action(async (driveArg: string, id: string, opts: ConnectionOptions & WaitOption) => {
      const client = await connect(opts);
      const drive = await resolveDrive(client, driveArg);
      const entry = await getFile(client, drive.drive_id, id);
      const { async_task_id: taskId } = await client.pds<{ async_task_id: string }>('file/delete', {
        drive_id: drive.drive_id,
        file_id: entry.file_id,
      });
      if (!opts.wait) return reportStarted(`purging ${entry.name}`, taskId);
      const task = requireSuccess(await waitForTask(client, taskId, `purge ${entry.name}`));
      process.stdout.write(`purged ${entry.name} for good (${entries(task.consumed_process)}, job ${taskId})\n`);
    });
}
