import type { Command } from 'commander';
import { listBin } from '../client/bin-items.js';
import { clientCommand, type ConnectionOptions } from '../client/connection-options.js';
import { resolveDrive } from '../client/drives.js';
import { formatTime, printList } from '../client/format.js';
import { connect } from '../client/sign-in.js';
import type { PdsBinItem } from '../client/wire-types.js';

const DAY_SEC = 86_400;

/** `original_path` is the item's own path; the folder it was in is what a person asks for. */
const folderOf = (originalPath: string): string => originalPath.slice(0, originalPath.lastIndexOf('/')) || '/';

/** Whole days, rounded up: an item trashed a minute ago under 30 days' retention has 30 left. */
const daysLeft = (item: PdsBinItem): string =>
  item.auto_delete_left_sec === null ? 'kept' : String(Math.ceil(item.auto_delete_left_sec / DAY_SEC));

/** `salvage bin <drive>`: what is in the recycle bin, newest first. */
export function binCommand(): Command {
  return clientCommand('bin', 'list the recycle bin, newest first')
    .argument('<drive>', 'drive name or id')
    .option('--json', 'print the bin items as JSON')
    .action(async (driveArg: string, opts: ConnectionOptions & { json?: boolean }) => {
      const client = await connect(opts);
      const drive = await resolveDrive(client, driveArg);
      const items = await listBin(client, drive.drive_id);
      printList(
        items,
        opts.json,
        ['NAME', 'DELETED', 'FROM', 'DAYS LEFT', 'ID'],
        (i) => [`${i.name}${i.type === 'folder' ? '/' : ''}`, formatTime(i.trashed_at), folderOf(i.original_path), daysLeft(i), i.file_id],
        'the recycle bin is empty',
      );
    });
}
