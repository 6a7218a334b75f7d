import type { Command } from 'commander';
import { CliError } from '../client/cli-error.js';
import { clientCommand, type ConnectionOptions } from '../client/connection-options.js';
import { resolveDrive } from '../client/drives.js';
import { pathFrom, resolvePath, segmentsOf } from '../client/remote-paths.js';
import { connect } from '../client/sign-in.js';
import { printLine } from '../client/escape.js';

/** Sub-requests one /v2/batch may hold. */
const BATCH = 100;

interface TrashAnswer {
  file_id: string;
  deletion_event_id?: string;
}

/**
 * `salvage trash <drive> <path>...`: to the recycle bin. Instant, so there is no job to
 * wait for. Several paths are one deletion (one event, `salvage undo` brings all back):
 * the first batch of up to 100 gets the event, later ones join it.
 */
export function trashCommand(): Command {
  return clientCommand('trash', 'move files or folders to the recycle bin (several: one deletion, undone with salvage undo)')
    .argument('<drive>', 'drive name or id')
    .argument('<paths...>', 'files or folders, like /a/b')
    .action(async (driveArg: string, paths: string[], opts: ConnectionOptions) => {
      const client = await connect(opts);
      const drive = await resolveDrive(client, driveArg);
      const entries = [];
      for (const path of paths) {
        const entry = await resolvePath(client, drive.drive_id, path);
        if (entry.file_id === 'root') throw new CliError('the root folder cannot be trashed');
        entries.push({ path, id: entry.file_id });
      }
      const line = (e: { path: string; id: string }) =>
        `trashed ${pathFrom(segmentsOf(e.path))} (id ${e.id}; undo with: salvage restore ${drive.drive_name} ${e.id})`;
      if (entries.length === 1) {
        await client.pds('recyclebin/trash', { drive_id: drive.drive_id, file_id: entries[0]!.id });
        printLine(line(entries[0]!));
        return;
      }
      let eventId: string | undefined;
      for (let at = 0; at < entries.length; at += BATCH) {
        const chunk = entries.slice(at, at + BATCH);
        const requests = chunk.map((e, i) => ({
          id: String(i),
          method: 'POST',
          url: '/recyclebin/trash',
          body: { drive_id: drive.drive_id, file_id: e.id, ...(eventId && { deletion_event_id: eventId }) },
        }));
        const { responses } = await client.pds<{ responses: { id: string; status: number; body: TrashAnswer & { message?: string } }[] }>(
          'batch',
          { resource: 'file', requests },
        );
        for (const [i, r] of responses.entries()) {
          const e = chunk[i]!;
          if (r.status >= 300) throw new CliError(`could not trash ${e.path}: ${r.body.message ?? r.status}`);
          eventId ??= r.body.deletion_event_id;
          printLine(line(e));
        }
      }
      if (eventId) printLine(`deletion event ${eventId}: undo all ${entries.length} with: salvage undo ${drive.drive_name} ${eventId}`);
    });
}
