import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../support/databases.js';
import { startTestNode, type TestNode } from '../support/node.js';
import { type Json, makeFolder, type PdsClient, signIn, uploadFile, waitForTask } from './support/pds-client.js';

const databases = await testDatabases();

/** Issue 3's walkthrough, as a user would do it over HTTP. */
describe.each(databases)('PDS recycle-bin walkthrough on %s', (database) => {
  let node: TestNode;
  let pds: PdsClient;
  beforeAll(async () => {
    node = await startTestNode({ database });
    pds = await signIn(node);
  });
  afterAll(async () => node?.destroy());

  it('trashes, browses, restores as "name (restored)", deletes for good and frees the space', async () => {
    const driveId = (await pds.ok('/v2/drive/create', { drive_name: 'walkthrough' }, 201)).drive_id as string;
    const drive = () => pds.ok('/v2/drive/get', { drive_id: driveId });
    const rootNames = async () => ((await pds.ok('/v2/file/list', { drive_id: driveId })).items as Json[]).map((i) => i.name);
    const searchNames = async (query: string) => ((await pds.ok('/v2/file/search', { drive_id: driveId, query })).items as Json[]).map((i) => i.name);

    // A tree: projects/{plan.txt, drafts/{a.txt, b.txt}}, and notes.txt beside it.
    const projects = await makeFolder(pds, driveId, 'root', 'projects');
    const plan = await uploadFile(pds, driveId, projects.file_id, 'plan.txt', 'the plan');
    const drafts = await makeFolder(pds, driveId, projects.file_id, 'drafts');
    await uploadFile(pds, driveId, drafts.file_id, 'a.txt', 'draft a');
    await uploadFile(pds, driveId, drafts.file_id, 'b.txt', 'draft b');
    await uploadFile(pds, driveId, 'root', 'notes.txt', 'notes');
    expect((await drive()).used_size).toBe(8 + 7 + 7 + 5);

    // Trash the folder: gone from listing and search at once, no task needed.
    const trashed = await pds.ok('/v2/recyclebin/trash', { drive_id: driveId, file_id: projects.file_id }, 202);
    expect(trashed).toEqual({ domain_id: 'salvage', drive_id: driveId, file_id: projects.file_id, async_task_id: '', deletion_event_id: expect.stringMatching(/^de-[0-9a-f]{16}$/) });
    expect(await rootNames()).toEqual(['notes.txt']);
    expect(await searchNames('name match "a"')).toEqual([]);
    expect(await searchNames('name match "txt"')).toEqual(['notes.txt']);
    await pds.fails('/v2/file/get_download_url', { drive_id: driveId, file_id: plan.file_id }, 404, 'NotFound.File');
    expect((await drive()).used_size).toBe(27); // trashed bytes still count

    // The bin lists it, newest first, with the bin fields.
    const bin = await pds.ok('/v2/recyclebin/list', { drive_id: driveId });
    expect(bin.next_marker).toBe('');
    expect(bin.items).toHaveLength(1);
    const item = bin.items[0] as Json;
    expect(item).toMatchObject({ file_id: projects.file_id, name: 'projects', type: 'folder', trashed_by: node.adminActor.userId, original_path: '/projects', original_parent_file_id: 'root' });
    expect(item.trashed_at).toMatch(/Z$/);
    expect(item.auto_delete_left_sec).toBeGreaterThan(30 * 86_400 - 60);
    expect(item.auto_delete_left_sec).toBeLessThanOrEqual(30 * 86_400);

    // Browse inside the trashed folder and one level deeper: the bin's listing, not file/list.
    await pds.fails('/v2/file/list', { drive_id: driveId, parent_file_id: projects.file_id }, 404, 'NotFound.File');
    const inside = await pds.ok('/v2/recyclebin/list', { drive_id: driveId, parent_file_id: projects.file_id });
    expect((inside.items as Json[]).map((i) => i.name)).toEqual(['drafts', 'plan.txt']);
    expect((inside.items as Json[]).every((i) => i.trashed_at === item.trashed_at && i.trashed === true)).toBe(true);
    const deeper = await pds.ok('/v2/recyclebin/list', { drive_id: driveId, parent_file_id: drafts.file_id });
    expect((deeper.items as Json[]).map((i) => i.name)).toEqual(['a.txt', 'b.txt']);
    expect((await pds.ok('/v2/file/get', { drive_id: driveId, file_id: plan.file_id })).trashed_at).toBe(item.trashed_at);

    // A new folder takes the name; restore does not overwrite or merge it.
    const replacement = await makeFolder(pds, driveId, 'root', 'projects');
    const restore = await pds.ok('/v2/recyclebin/restore', { drive_id: driveId, file_id: projects.file_id }, 202);
    expect(restore.async_task_id).toMatch(/^\d+$/);
    expect((await waitForTask(pds, restore.async_task_id)).state).toBe('Succeed');
    // Folders first, as file/list by name lists (docs/pds.md).
    expect(await rootNames()).toEqual(['projects', 'projects (restored)', 'notes.txt']);
    expect((await pds.ok('/v2/file/get', { drive_id: driveId, file_id: projects.file_id })).name).toBe('projects (restored)');
    expect((await pds.ok('/v2/file/get', { drive_id: driveId, file_id: plan.file_id })).trashed_at).toBeNull();
    expect((await pds.ok('/v2/recyclebin/list', { drive_id: driveId })).items).toEqual([]);
    expect(replacement.file_id).not.toBe(projects.file_id);

    // Delete it for good: a task that ends Succeed, and the bytes leave used_size.
    const del = await pds.ok('/v2/file/delete', { drive_id: driveId, file_id: projects.file_id }, 202);
    expect(del).toMatchObject({ drive_id: driveId, file_id: projects.file_id });
    expect(await rootNames()).toEqual(['projects', 'notes.txt']);
    const task = await waitForTask(pds, del.async_task_id);
    expect(task).toMatchObject({ async_task_id: del.async_task_id, state: 'Succeed', status: 'Succeed', consumed_process: 5, total_process: 5, error_code: '' });
    expect(task.finished_at).toMatch(/Z$/);
    expect((await drive()).used_size).toBe(5);
    await pds.fails('/v2/file/get', { drive_id: driveId, file_id: plan.file_id }, 404, 'NotFound.File');
  });
});
