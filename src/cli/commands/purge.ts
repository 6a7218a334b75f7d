import type { Command } from 'commander';
import { resolveBinEntry } from '../client/bin-items.js';
import { confirm, yesOption, type YesOption } from '../client/confirm.js';
import { clientCommand, type ConnectionOptions } from '../client/connection-options.js';
import { resolveDrive } from '../client/drives.js';
import { printLine } from '../client/escape.js';
import { entries, formatTime } from '../client/format.js';
import { connect } from '../client/sign-in.js';
import { reportStarted, requireSuccess, waitForTask } from '../client/wait-for-task.js';
import type { PdsBinItem, PdsFile } from '../client/wire-types.js';
import { noWaitOption, type WaitOption } from './wait-option.js';

/** Enough for a person to be sure which item the question is about. */
function described(entry: PdsFile | PdsBinItem): string {
  const kind = entry.type === 'folder' ? 'folder' : 'file';
  if (!entry.trashed) return `the live ${kind} '${entry.name}' (id ${entry.file_id}, not in the bin)`;
  const from = 'original_path' in entry && entry.original_path ? `, from ${entry.original_path}` : '';
  return `the ${kind} '${entry.name}' (id ${entry.file_id}${from}, deleted ${formatTime(entry.trashed_at)})`;
}

/**
 * `salvage purge <drive> <item>`: permanent delete, after asking. The item is named as
 * `restore` names it: a bin item by id or by name (a name several share must be an id),
 * or by id anything in the drive, live entries included.
 */
export function purgeCommand(): Command {
  return clientCommand('purge', 'delete an item for good (it cannot be restored), after asking; waits for the job')
    .argument('<drive>', 'drive name or id')
    .argument('<item>', 'bin item id, or its name when only one item has it (see: salvage bin); or the id of a live entry')
    .addOption(yesOption())
    .addOption(noWaitOption())
    .action(async (driveArg: string, item: string, opts: ConnectionOptions & WaitOption & YesOption) => {
      const client = await connect(opts);
      const drive = await resolveDrive(client, driveArg);
      const entry = await resolveBinEntry(client, drive.drive_id, item, { anyEntryById: true });
      await confirm(`Delete ${described(entry)} for good? It cannot be restored.`, `purge ${entry.name}`, opts);
      const { async_task_id: taskId } = await client.pds<{ async_task_id: string }>('file/delete', {
        drive_id: drive.drive_id,
        file_id: entry.file_id,
      });
      if (!opts.wait) return reportStarted(`purging ${entry.name}`, taskId);
      const task = requireSuccess(await waitForTask(client, taskId, `purge ${entry.name}`));
      printLine(`purged ${entry.name} for good (${entries(task.consumed_process)}, job ${taskId})`);
    });
}
