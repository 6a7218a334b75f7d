import type { Command } from 'commander';
import { clientCommand, type ConnectionOptions } from '../client/connection-options.js';
import { listDrives } from '../client/drives.js';
import { formatBytes, printList } from '../client/format.js';
import { connect } from '../client/sign-in.js';
import type { PdsDrive } from '../client/wire-types.js';

/** A drive's retention lock in a few words: `compliance 30d`, or `-` for none. */
export const lockText = (d: PdsDrive): string => (d.recyclebin_lock ? `${d.recyclebin_lock.mode} ${d.recyclebin_lock.min_retention_days}d` : '-');

/**
 * `salvage drives`: the drives this user can see (own and shared), with their used and
 * total space, the user's role, and the bin's retention lock if there is one.
 */
export function drivesCommand(): Command {
  return clientCommand('drives', 'list drives with their used and total space')
    .option('--json', 'print the drives as JSON')
    .action(async (opts: ConnectionOptions & { json?: boolean }) => {
      const drives = await listDrives(await connect(opts));
      printList(
        drives,
        opts.json,
        ['ID', 'NAME', 'USED', 'TOTAL', 'ROLE', 'LOCK'],
        (d) => [d.drive_id, d.drive_name, formatBytes(d.used_size), d.total_size < 0 ? 'unlimited' : formatBytes(d.total_size), d.role, lockText(d)],
        'no drives yet (make one with: salvage drive-create <name>)',
      );
    });
}
