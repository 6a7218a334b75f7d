import type { Command } from 'commander';
import { confirm, yesOption, type YesOption } from '../client/confirm.js';
import { clientCommand, type ConnectionOptions } from '../client/connection-options.js';
import { resolveDrive } from '../client/drives.js';
import { entries } from '../client/format.js';
import { connect } from '../client/sign-in.js';
import { reportStarted, requireSuccess, waitForTask } from '../client/wait-for-task.js';
import { noWaitOption, type WaitOption } from './wait-option.js';
import { printLine } from '../client/escape.js';

/** `salvage empty-bin <drive>`: after asking, everything in the bin now is purged by one clear job. */
export function emptyBinCommand(): Command {
  return clientCommand('empty-bin', 'delete everything in the recycle bin for good, after asking; waits for the job')
    .argument('<drive>', 'drive name or id')
    .addOption(yesOption())
    .addOption(noWaitOption())
    .action(async (driveArg: string, opts: ConnectionOptions & WaitOption & YesOption) => {
      const client = await connect(opts);
      const drive = await resolveDrive(client, driveArg);
      await confirm(
        `Delete everything in the recycle bin of drive '${drive.drive_name}' (${drive.drive_id}) for good? It cannot be restored.`,
        `empty the bin of ${drive.drive_name}`,
        opts,
      );
      const { async_task_id: taskId } = await client.pds<{ async_task_id: string }>('recyclebin/clear', {
        drive_id: drive.drive_id,
      });
      if (!opts.wait) return reportStarted(`emptying the bin of ${drive.drive_name}`, taskId);
      const task = requireSuccess(await waitForTask(client, taskId, `empty ${drive.drive_name}`));
      printLine(`emptied the bin of ${drive.drive_name} (${entries(task.consumed_process)}, job ${taskId})`);
    });
}
