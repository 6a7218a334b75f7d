import { type Command, InvalidArgumentError } from 'commander';
import { CliError, usageError } from '../client/cli-error.js';
import { listBinFirst, listInsideBin, resolveBinEntry } from '../client/bin-items.js';
import { type BinSearchOptions, binSearchQuery, searchBin } from '../client/bin-search.js';
import { clientCommand, type ConnectionOptions } from '../client/connection-options.js';
import { resolveDrive } from '../client/drives.js';
import { noteLine } from '../client/escape.js';
import { formatBytes, formatTime, printList } from '../client/format.js';
import { connect } from '../client/sign-in.js';
import type { PdsBinItem } from '../client/wire-types.js';

const DAY_SEC = 86_400;

/** `original_path` is the item's own path; the folder it was in is what a person asks for. */
const folderOf = (originalPath: string): string => originalPath.slice(0, originalPath.lastIndexOf('/')) || '/';

/** Whole days, rounded up: an item trashed a minute ago under 30 days' retention has 30 left. */
const daysLeft = (item: PdsBinItem): string =>
  item.auto_delete_left_sec === null ? 'kept' : String(Math.ceil(item.auto_delete_left_sec / DAY_SEC));

/** Who trashed it, by user name; their id from a server too old to name them. */
const deletedBy = (item: PdsBinItem): string => item.trashed_by_name || item.trashed_by || '-';

const positive = (text: string): number => {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number of at least 1');
  return n;
};

/** After a table cut short by --limit: on stderr, so stdout stays the items alone. */
const noteMore = (shown: number, more: boolean): void => {
  if (more) noteLine(`(the first ${shown} shown; there are more: raise --limit)`);
};

const SEARCH_FLAGS = ['search', 'deletedBy', 'since', 'until', 'from', 'subfolders'] as const;

/**
 * `salvage bin <drive> [folder]`: what is in the recycle bin, newest first; or, naming a
 * trashed folder by id or name, what is inside it, by name. The search flags ask the
 * server's bin search instead (/v2/recyclebin/search_all), with the same table.
 */
export function binCommand(): Command {
  return clientCommand('bin', 'list the recycle bin, newest first, or inside a trashed folder')
    .argument('<drive>', 'drive name or id')
    .argument('[folder]', 'a trashed folder (bin item name, or id of any folder in the bin) to list inside')
    .option('--json', 'print the bin items as JSON')
    .option('--limit <n>', 'at most this many items (newest first; default all)', positive)
    .option('--search <query>', 'a name substring, or a query of the bin search (name match "x" and size > 1000 ...)')
    .option('--deleted-by <user>', 'deleted by this user (user name or id)')
    .option('--since <time>', 'deleted at or after this time (ISO 8601, or an age: 30m, 12h, 7d, 2w)')
    .option('--until <time>', 'deleted before this time (ISO 8601, or an age)')
    .option('--from <folder>', 'deleted from this folder (path from /, or id)')
    .option('--subfolders', 'with --from: also deleted from the folders below it')
    .action(async (driveArg: string, folderArg: string | undefined, opts: ConnectionOptions & BinSearchOptions & { json?: boolean; limit?: number }) => {
      const limit = opts.limit ?? Infinity;
      const client = await connect(opts);
      const drive = await resolveDrive(client, driveArg);
      const searching = SEARCH_FLAGS.some((f) => opts[f] !== undefined);
      if (searching && folderArg !== undefined) throw usageError('search the bin or list inside a trashed folder, not both');
      if (folderArg !== undefined) {
        const folder = await resolveBinEntry(client, drive.drive_id, folderArg);
        if (folder.type !== 'folder') throw new CliError(`'${folderArg}' is a file in the bin, not a folder`);
        const inside = await listInsideBin(client, drive.drive_id, folder.file_id, limit);
        printList(
          inside.items,
          opts.json,
          ['NAME', 'SIZE', 'DELETED', 'DAYS LEFT', 'ID'],
          (i) => [`${i.name}${i.type === 'folder' ? '/' : ''}`, i.type === 'folder' ? '-' : formatBytes(i.size), formatTime(i.trashed_at), daysLeft(i), i.file_id],
          '(empty)',
        );
        noteMore(inside.items.length, inside.more);
        return;
      }
      const found = searching
        ? await searchBin(client, drive.drive_id, await binSearchQuery(client, drive.drive_id, opts), limit)
        : await listBinFirst(client, drive.drive_id, limit);
      printList(
        found.items,
        opts.json,
        ['NAME', 'DELETED', 'DELETED BY', 'FROM', 'DAYS LEFT', 'ID'],
        (i) => [`${i.name}${i.type === 'folder' ? '/' : ''}`, formatTime(i.trashed_at), deletedBy(i), folderOf(i.original_path), daysLeft(i), i.file_id],
        searching ? 'nothing in the recycle bin matches' : 'the recycle bin is empty',
      );
      noteMore(found.items.length, found.more);
    });
}
