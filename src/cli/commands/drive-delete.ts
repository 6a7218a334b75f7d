import type { Command } from 'commander';
import { confirm, yesOption, type YesOption } from '../client/confirm.js';
import { clientCommand, type ConnectionOptions } from '../client/connection-options.js';
import { resolveDrive } from '../client/drives.js';
import { printLine } from '../client/escape.js';
import { formatBytes } from '../client/format.js';
import { connect } from '../client/sign-in.js';

/**
 * `salvage drive-delete <drive>`: after asking, the drive is gone at once with its files and
 * its bin (PDS /v2/drive/delete); a background job purges the contents.
 */
export function driveDeleteCommand(): Command {
  return clientCommand('drive-delete', 'delete a drive, its files and its recycle bin for good, after asking')
    .argument('<drive>', 'drive name or id')
    .addOption(yesOption())
    .option('--bypass-governance-retention', "an admin's: delete even what a governance retention lock still holds")
    .action(async (driveArg: string, opts: ConnectionOptions & YesOption & { bypassGovernanceRetention?: boolean }) => {
      const client = await connect(opts);
      const drive = await resolveDrive(client, driveArg);
      await confirm(
        `Delete drive '${drive.drive_name}' (${drive.drive_id}, ${formatBytes(drive.used_size)} in use), every file in it and its recycle bin, for good?`,
        `delete drive ${drive.drive_name}`,
        opts,
      );
      await client.pds('drive/delete', {
        drive_id: drive.drive_id,
        ...(opts.bypassGovernanceRetention && { bypass_governance_retention: true }),
      });
      printLine(`deleted drive '${drive.drive_name}' (${drive.drive_id}); its contents are purged in the background`);
    });
}
