import type { Command } from 'commander';
import { clientCommand, type ConnectionOptions } from '../client/connection-options.js';
import { listDrives } from '../client/drives.js';
import { formatBytes, printList } from '../client/format.js';
import { connect } from '../client/sign-in.js';

/** `salvage drives`: the drives this user can see (own and shared), with their used and total space and the user's role. */
export function drivesCommand(): Command {
  return clientCommand('drives', 'list drives with their used and total space')
    .option('--json', 'print the drives as JSON')
    .action(async (opts: ConnectionOptions & { json?: boolean }) => {
      const drives = await listDrives(await connect(opts));
      printList(
        drives,
        opts.json,
        ['ID', 'NAME', 'USED', 'TOTAL', 'ROLE'],
        (d) => [d.drive_id, d.drive_name, formatBytes(d.used_size), d.total_size < 0 ? 'unlimited' : formatBytes(d.total_size), d.role],
        'no drives yet (make one with: salvage drive-create <name>)',
      );
    });
}
