import { pds } from '../../api/pds.js';
import type { PdsFile } from '../../api/types.js';
import { useToast } from '../../components/toast.js';
import { type TrashOutcome, trashInBatches } from './trash-batches.js';
import { trashedToast } from './undo-trash.js';

/**
 * Moving entries of a folder to the bin: some rows, or every entry of the folder ("select
 * all N"), each time as one deletion event that the toast's Undo restores whole.
 */
export function useTrash({ driveId, folderId, total, run, reload, onError }: {
  driveId: string;
  folderId: string;
  /** The folder's entry count, for the progress of "select all". */
  total: number | undefined;
  /** The page's one-action-at-a-time guard (useBusy). */
  run: <T>(action: () => Promise<T>) => Promise<T | undefined>;
  reload: () => Promise<void>;
  onError: (message: string | undefined) => void;
}) {
  const toast = useToast();

  const finish = async ({ moved, failures, eventId }: TrashOutcome) => {
    // The list first, then the message: when it says "moved", the rows are gone.
    await reload();
    if (moved > 0) toast(trashedToast(driveId, moved, eventId, reload));
    onError(failures.length > 0 ? failures.join(' ') : undefined);
  };

  const trash = (chosen: PdsFile[]) =>
    run(async () => {
      const names = new Map(chosen.map((f) => [f.file_id, f.name]));
      await finish(await trashInBatches(driveId, chosen.map((f) => f.file_id), names));
    });

  // Every entry of the folder, a page at a time (keyset: what is trashed drops out of the
  // listing, and the marker goes on after the last one seen).
  const trashAll = () =>
    run(async () => {
      let marker = '';
      const outcome: TrashOutcome = { moved: 0, failures: [] };
      do {
        const page = await pds.listFolder(driveId, folderId, marker, 'name', 'ASC');
        const names = new Map(page.items.map((f) => [f.file_id, f.name]));
        const step = await trashInBatches(driveId, page.items.map((f) => f.file_id), names, outcome.eventId);
        outcome.moved += step.moved;
        outcome.failures.push(...step.failures);
        outcome.eventId ??= step.eventId;
        marker = page.next_marker;
        toast({ message: `Moving to the recycle bin: ${outcome.moved.toLocaleString()}${total ? ` of ${total.toLocaleString()}` : ''}…` });
      } while (marker);
      await finish(outcome);
    });

  return { trash, trashAll };
}
