import type { Command } from 'commander';
import { resolveBinEntry } from '../client/bin-items.js';
import { clientCommand, type ConnectionOptions } from '../client/connection-options.js';
import { resolveDrive } from '../client/drives.js';
import { getFile, pathOfEntry } from '../client/remote-paths.js';
import { connect } from '../client/sign-in.js';
import { reportStarted, requireSuccess, waitForTask } from '../client/wait-for-task.js';
import { noWaitOption, type WaitOption } from './wait-option.js';

/**
 * `salvage restore <drive> <id|name>`: back where it came from, and says where that is,
 * since a taken name makes it `name (restored)` and a vanished folder puts it under root.
 */
export function restoreCommand(): Command {
  return clientCommand('restore', 'restore an item from the recycle bin and say where it went')
    .argument('<drive>', 'drive name or id')
    .argument('<item>', 'bin item id, or its name when only one item has it')
    .addOption(noWaitOption())
    .action(async (driveArg: string, item: string, opts: ConnectionOptions & WaitOption) => {
      const client = await connect(opts);
      const drive = await resolveDrive(client, driveArg);
      const entry = await resolveBinEntry(client, drive.drive_id, item);
      const { async_task_id: taskId } = await client.pds<{ async_task_id: string }>('recyclebin/restore', {
        drive_id: drive.drive_id,
        file_id: entry.file_id,
      });
      if (!opts.wait) return reportStarted(`restoring ${entry.name}`, taskId);
      requireSuccess(await waitForTask(client, taskId, `restore ${entry.name}`));
      const restored = await getFile(client, drive.drive_id, entry.file_id);
      const where = await pathOfEntry(client, drive.drive_id, restored);
      const renamed = restored.name !== entry.name ? ` (renamed: '${entry.name}' was taken there)` : '';
      process.stdout.write(`restored ${entry.name} to ${where}${renamed}\n`);
    });
}
