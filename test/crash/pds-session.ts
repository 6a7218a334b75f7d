import { type Json, PdsClient } from '../pds/support/pds-client.js';
import type { SpawnedNode } from '../support/spawn-node.js';

/** Signs in as admin with the password grant; the token outlives restarts (it is kept in the store). */
export async function signIn(url: string): Promise<string> {
  const token = await new PdsClient(url).ok('/v2/account/token', { grant_type: 'password', username: 'admin', password: 'admin-password' });
  return token.access_token as string;
}

/** A PDS task as /v2/async_task/get answers it. */
export interface PdsTask extends Json {
  state: string;
  consumed_process: number;
  total_process: number;
}

/**
 * Polls /v2/async_task/get on `server` until `ready` holds; fails at once if the server
 * exits, and after `timeoutMs`. Returns the answer that satisfied `ready`.
 */
export async function watchTask(
  server: SpawnedNode,
  pds: PdsClient,
  taskId: string,
  ready: (task: PdsTask) => boolean,
  timeoutMs = 60_000,
): Promise<PdsTask> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (!server.running) throw new Error(`the server exited while task ${taskId} was watched`);
    const task = (await pds.ok('/v2/async_task/get', { async_task_id: taskId })) as PdsTask;
    if (ready(task)) return task;
    if (Date.now() > deadline) throw new Error(`task not as expected within ${timeoutMs} ms: ${JSON.stringify(task)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Every item of the drive's bin, page by page, newest trashed first. */
export async function binItems(pds: PdsClient, driveId: string): Promise<Json[]> {
  const items: Json[] = [];
  let marker = '';
  do {
    const page = await pds.ok('/v2/recyclebin/list', { drive_id: driveId, limit: 200, ...(marker && { marker }) });
    items.push(...(page.items as Json[]));
    marker = page.next_marker as string;
  } while (marker);
  return items;
}

/** Every child of a trashed folder (the bin's listing with parent_file_id), page by page. */
export async function folderItems(pds: PdsClient, driveId: string, folderId: string): Promise<Json[]> {
  const items: Json[] = [];
  let marker = '';
  do {
    const page = await pds.ok('/v2/recyclebin/list', { drive_id: driveId, parent_file_id: folderId, limit: 200, ...(marker && { marker }) });
    items.push(...(page.items as Json[]));
    marker = page.next_marker as string;
  } while (marker);
  return items;
}
