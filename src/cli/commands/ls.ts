import type { Command } from 'commander';
import { clientCommand, type ConnectionOptions } from '../client/connection-options.js';
import { resolveDrive } from '../client/drives.js';
import { formatBytes, formatTime, printList } from '../client/format.js';
import { allPages } from '../client/pages.js';
import { resolvePath } from '../client/remote-paths.js';
import { connect } from '../client/sign-in.js';
import type { PdsFile } from '../client/wire-types.js';

/**
 * `salvage ls <drive> [path]`: a folder's live entries, folders first, in natural order
 * (`file2` before `file10`), or the one file the path names. The order is the server's
 * (file/list by name, docs/pds.md), which holds across pages: no sorting here.
 */
export function lsCommand(): Command {
  return clientCommand('ls', 'list a folder (type, size, modified)')
    .argument('<drive>', 'drive name or id')
    .argument('[path]', 'folder or file, like /a/b', '/')
    .option('--json', 'print the entries as JSON')
    .action(async (driveArg: string, path: string, opts: ConnectionOptions & { json?: boolean }) => {
      const client = await connect(opts);
      const drive = await resolveDrive(client, driveArg);
      const entry = await resolvePath(client, drive.drive_id, path);
      const items =
        entry.type === 'file'
          ? [entry]
          : await allPages<PdsFile>((marker) =>
              client.pds('file/list', { drive_id: drive.drive_id, parent_file_id: entry.file_id, limit: 100, marker }),
            );
      printList(
        items,
        opts.json,
        ['TYPE', 'SIZE', 'MODIFIED', 'NAME'],
        (f) => [
          f.type,
          f.type === 'folder' ? '-' : formatBytes(f.size),
          formatTime(f.updated_at),
          // An upload that never completed holds its name; say so rather than show 0 bytes.
          `${f.name}${f.type === 'folder' ? '/' : ''}${f.status === 'uploading' ? ' (uploading)' : ''}`,
        ],
        '(empty)',
      );
    });
}
