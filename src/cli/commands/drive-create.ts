import { InvalidArgumentError, type Command } from 'commander';
import { clientCommand, type ConnectionOptions } from '../client/connection-options.js';
import { formatBytes } from '../client/format.js';
import { connect } from '../client/sign-in.js';
import { printLine } from '../client/escape.js';

const SUFFIX: Record<string, number> = { '': 1, k: 2 ** 10, m: 2 ** 20, g: 2 ** 30, t: 2 ** 40 };

/** Bytes, or with a binary suffix (`500M`, `10G`): nobody types quotas in raw bytes. */
export function parseQuota(text: string): number {
  const m = /^(\d+)\s*([kmgt]?)(i?b)?$/i.exec(text.trim());
  const bytes = m ? Number(m[1]) * SUFFIX[m[2]!.toLowerCase()]! : NaN;
  if (!Number.isSafeInteger(bytes)) throw new InvalidArgumentError('expected bytes, e.g. 1073741824 or 1G');
  return bytes;
}

/** `salvage drive-create <name> [--quota bytes]`: a drive with its bin on (30 days). */
export function driveCreateCommand(): Command {
  return clientCommand('drive-create', 'make a drive (its recycle bin is on, 30 days)')
    .argument('<name>', 'name of the new drive')
    .option('--quota <bytes>', 'most bytes the drive may hold (e.g. 10G); default unlimited', parseQuota)
    .action(async (name: string, opts: ConnectionOptions & { quota?: number }) => {
      const client = await connect(opts);
      const made = await client.pds<{ drive_id: string }>('drive/create', {
        drive_name: name,
        ...(opts.quota !== undefined && { total_size: opts.quota }),
      });
      const quota = opts.quota === undefined ? 'no quota' : `quota ${formatBytes(opts.quota)}`;
      printLine(`created drive '${name}' (${made.drive_id}, ${quota})`);
    });
}
