import type { Command } from 'commander';
import { resolveBinEntry } from '../client/bin-items.js';
import { type BinSearchOptions, binSearchQuery } from '../client/bin-search.js';
import { printRestorePreview, runRestoreAll } from '../client/bulk-restore.js';
import { usageError } from '../client/cli-error.js';
import { clientCommand, type ConnectionOptions } from '../client/connection-options.js';
import { resolveDrive } from '../client/drives.js';
import { getFile, pathOfEntry } from '../client/remote-paths.js';
import { connect } from '../client/sign-in.js';
import { reportStarted, requireSuccess, waitForTask } from '../client/wait-for-task.js';
import { noWaitOption, type WaitOption } from './wait-option.js';
import { printLine } from '../client/escape.js';

type RestoreOptions = ConnectionOptions & WaitOption & BinSearchOptions & { all?: boolean; dryRun?: boolean; json?: boolean };

const SEARCH_FLAGS = ['search', 'deletedBy', 'since', 'until', 'from', 'subfolders'] as const;

/**
 * `salvage restore <drive> <id|name>`: back where it came from, and says where that is,
 * since a taken name makes it `name (restored)` and a vanished folder puts it under root.
 * `--all` restores everything the bin search flags find (all of the bin without them) as
 * one job; `--dry-run` says what it would do.
 */
export function restoreCommand(): Command {
  return clientCommand('restore', 'restore an item from the recycle bin and say where it went; --all: everything a search finds')
    .argument('<drive>', 'drive name or id')
    .argument('[item]', 'bin item id, or its name when only one item has it')
    .option('--all', 'restore every bin item the search flags find (every bin item without them), as one job')
    .option('--search <query>', 'with --all: a name substring, or a query of the bin search')
    .option('--deleted-by <user>', 'with --all: deleted by this user (user name or id)')
    .option('--since <time>', 'with --all: deleted at or after this time (ISO 8601, or an age: 30m, 12h, 7d, 2w)')
    .option('--until <time>', 'with --all: deleted before this time (ISO 8601, or an age)')
    .option('--from <folder>', 'with --all: deleted from this folder (path from /, or id)')
    .option('--subfolders', 'with --from: also deleted from the folders below it')
    .option('--dry-run', 'with --all: say how many items, and where each would go under which name; change nothing')
    .option('--json', 'with --all: print the dry run, or the finished task, as JSON')
    .addOption(noWaitOption())
    .action(async (driveArg: string, item: string | undefined, opts: RestoreOptions) => {
      const searching = SEARCH_FLAGS.some((f) => opts[f] !== undefined);
      if (opts.all && item !== undefined) throw usageError('name one item, or --all, not both');
      if (!opts.all && (searching || opts.dryRun)) throw usageError('the search flags and --dry-run go with --all');
      if (!opts.all && item === undefined) throw usageError('name the bin item to restore, or --all');
      const client = await connect(opts);
      const drive = await resolveDrive(client, driveArg);
      if (opts.all) {
        const target = await binSearchQuery(client, drive.drive_id, opts);
        if (opts.dryRun) return printRestorePreview(client, drive.drive_id, target, opts.json);
        return runRestoreAll(client, drive.drive_id, target, { wait: opts.wait, json: opts.json, label: 'restore all' });
      }
      const entry = await resolveBinEntry(client, drive.drive_id, item!);
      const { async_task_id: taskId } = await client.pds<{ async_task_id: string }>('recyclebin/restore', {
        drive_id: drive.drive_id,
        file_id: entry.file_id,
      });
      if (!opts.wait) return reportStarted(`restoring ${entry.name}`, taskId);
      requireSuccess(await waitForTask(client, taskId, `restore ${entry.name}`));
      const restored = await getFile(client, drive.drive_id, entry.file_id);
      const where = await pathOfEntry(client, drive.drive_id, restored);
      const renamed = restored.name !== entry.name ? ` (renamed: '${entry.name}' was taken there)` : '';
      printLine(`restored ${entry.name} to ${where}${renamed}`);
    });
}
