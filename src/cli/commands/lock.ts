import { InvalidArgumentError, Option } from 'commander';
import type { Command } from 'commander';
import { usageError } from '../client/cli-error.js';
import { clientCommand, type ConnectionOptions } from '../client/connection-options.js';
import { resolveDrive } from '../client/drives.js';
import { connect } from '../client/sign-in.js';
import { printLine } from '../client/escape.js';
import type { PdsDrive } from '../client/wire-types.js';

const days = (text: string): number => {
  if (!/^[0-9]{1,3}$/.test(text) || Number(text) < 1) throw new InvalidArgumentError('expected a whole number of days, at least 1');
  return Number(text);
};

interface LockOptions extends ConnectionOptions {
  days?: number;
  mode: 'governance' | 'compliance';
  off?: boolean;
}

/** What the lock of a drive now is, in a sentence. */
const lockSentence = (d: PdsDrive): string =>
  d.recyclebin_lock
    ? `drive '${d.drive_name}' keeps bin items at least ${d.recyclebin_lock.min_retention_days} days (${d.recyclebin_lock.mode} lock)`
    : `drive '${d.drive_name}' has no retention lock`;

/**
 * `salvage lock <drive> --days N --mode governance|compliance`: sets a drive's retention
 * lock (an admin's, with PDS /v2/drive/update); `--off` removes a governance lock; with
 * neither, shows the lock. A compliance lock can only be lengthened (docs/pds.md).
 */
export function lockCommand(): Command {
  return clientCommand('lock', "show or set the retention lock of a drive's recycle bin (setting it is an admin's)")
    .argument('<drive>', 'drive name or id')
    .option('--days <n>', 'keep every bin item at least this many days (1 to the bin retention)', days)
    .addOption(new Option('--mode <mode>', 'governance (an admin may bypass it) or compliance (nobody may)').choices(['governance', 'compliance']).default('governance'))
    .option('--off', 'remove the lock (a governance lock only)')
    .action(async (driveArg: string, opts: LockOptions) => {
      if (opts.off && opts.days !== undefined) throw usageError('give --days or --off, not both');
      const client = await connect(opts);
      const drive = await resolveDrive(client, driveArg);
      if (!opts.off && opts.days === undefined) {
        printLine(lockSentence(drive));
        return;
      }
      const lock = opts.off ? { mode: 'none' } : { mode: opts.mode, min_retention_days: opts.days };
      const updated = await client.pds<PdsDrive>('drive/update', { drive_id: drive.drive_id, recyclebin_lock: lock });
      printLine(lockSentence(updated));
    });
}
