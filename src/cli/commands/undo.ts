import type { Command } from 'commander';
import { printRestorePreview, runRestoreAll } from '../client/bulk-restore.js';
import { clientCommand, type ConnectionOptions } from '../client/connection-options.js';
import { resolveDrive } from '../client/drives.js';
import { connect } from '../client/sign-in.js';
import { noWaitOption, type WaitOption } from './wait-option.js';

/**
 * `salvage undo <drive> <event-id>`: brings back everything one trash call removed (the
 * id `salvage trash` prints, and `deletion_event_id` on every bin item), as one job.
 */
export function undoCommand(): Command {
  return clientCommand('undo', 'restore everything one deletion removed, by its deletion event id')
    .argument('<drive>', 'drive name or id')
    .argument('<event-id>', 'the deletion event (salvage trash prints it; salvage bin --json shows deletion_event_id)')
    .option('--dry-run', 'say how many items, and where each would go under which name; change nothing')
    .option('--json', 'print the dry run, or the finished task, as JSON')
    .addOption(noWaitOption())
    .action(async (driveArg: string, eventId: string, opts: ConnectionOptions & WaitOption & { dryRun?: boolean; json?: boolean }) => {
      const client = await connect(opts);
      const drive = await resolveDrive(client, driveArg);
      const target = { deletionEventId: eventId };
      if (opts.dryRun) return printRestorePreview(client, drive.drive_id, target, opts.json);
      return runRestoreAll(client, drive.drive_id, target, { wait: opts.wait, json: opts.json, label: `undo ${eventId}` });
    });
}
