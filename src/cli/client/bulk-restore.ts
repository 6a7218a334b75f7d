import { formatBytes, printList } from './format.js';
import type { SalvageClient } from './http-client.js';
import { requireSuccess, reportStarted, waitForTask } from './wait-for-task.js';
import type { PdsBinItem, PdsTask } from './wire-types.js';
import { printLine, safeJson } from './escape.js';

/** What restore_all (or delete_all) is asked to work on: a bin query, or one deletion event. */
export type BulkTarget = { query: string; includeSubfolders: boolean } | { deletionEventId: string };

type PreviewItem = PdsBinItem & { destination_path?: string; restored_name?: string };
interface Preview {
  count: number;
  size: number;
  items: PreviewItem[];
}

const bodyOf = (driveId: string, target: BulkTarget) =>
  'deletionEventId' in target
    ? { drive_id: driveId, deletion_event_id: target.deletionEventId }
    : { drive_id: driveId, query: target.query, ...(target.includeSubfolders && { include_subfolders: true }) };

/**
 * A dry run of restore_all: how many items and bytes, and the first 100 with where each
 * would go and the name it would take there. Nothing changes.
 */
export async function printRestorePreview(client: SalvageClient, driveId: string, target: BulkTarget, json: boolean | undefined): Promise<void> {
  const preview = await client.pds<Preview>('recyclebin/restore_all', { ...bodyOf(driveId, target), dry_run: true });
  if (json) {
    process.stdout.write(`${safeJson(preview)}\n`);
    return;
  }
  printLine(`would restore ${preview.count} items (${formatBytes(preview.size)})${preview.count > preview.items.length ? `; the first ${preview.items.length}:` : ''}`);
  printList(
    preview.items,
    false,
    ['NAME', 'TO', 'AS', 'ID'],
    (i) => [i.name, i.destination_path ?? '', i.restored_name === i.name ? '' : (i.restored_name ?? ''), i.file_id],
    'nothing in the bin matches',
  );
}

/** Starts restore_all and, unless told not to, waits for it with a bar; the task at its end. */
export async function runRestoreAll(
  client: SalvageClient,
  driveId: string,
  target: BulkTarget,
  opts: { wait: boolean; json?: boolean; label: string },
): Promise<void> {
  const { async_task_id: taskId } = await client.pds<{ async_task_id: string }>('recyclebin/restore_all', bodyOf(driveId, target));
  if (!opts.wait) {
    if (opts.json) process.stdout.write(`${safeJson({ async_task_id: taskId })}\n`);
    else reportStarted(opts.label, taskId);
    return;
  }
  const task: PdsTask = await waitForTask(client, taskId, opts.label);
  if (opts.json) process.stdout.write(`${safeJson(task)}\n`);
  requireSuccess(task);
  if (!opts.json) printLine(`restored ${task.consumed_process} items (job ${taskId})`);
}
