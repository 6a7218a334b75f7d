import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { type Json, makeFolder, PdsClient, uploadFile } from '../pds/support/pds-client.js';
import { testDatabases } from '../support/databases.js';
import { type ScratchStore, scratchStore } from '../support/scratch-store.js';
import { SpawnedNode } from '../support/spawn-node.js';
import { auditStore } from '../support/store-audit.js';
import { signIn, watchTask } from './pds-session.js';

/**
 * A folder copy (PDS file/copy) is a job like a purge: killed with SIGKILL mid-way, the
 * next start carries on after the last committed batch, and the copy ends exactly like
 * the source, with the store consistent and every copied file's bytes on disk.
 */
const LEASE_MS = 1500;

/** `path -> content` of a folder's subtree, over HTTP. */
async function contents(pds: PdsClient, driveId: string, folderId: string, prefix = ''): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  let marker = '';
  do {
    const page = await pds.ok('/v2/file/list', { drive_id: driveId, parent_file_id: folderId, limit: 100, marker });
    for (const item of page.items as Json[]) {
      const path = `${prefix}/${item.name}`;
      if (item.type === 'folder') Object.assign(out, { [`${path}/`]: '' }, await contents(pds, driveId, item.file_id, path));
      else out[path] = await (await fetch((await pds.ok('/v2/file/get_download_url', { drive_id: driveId, file_id: item.file_id })).url)).text();
    }
    marker = page.next_marker;
  } while (marker);
  return out;
}

describe.each(await testDatabases())('folder copy survives kill -9 (%s)', (database) => {
  let scratch: ScratchStore | undefined;
  const children: SpawnedNode[] = [];
  const child = () => {
    const node = new SpawnedNode({
      dataDir: scratch!.dataDir,
      databaseUrl: scratch!.databaseUrl,
      env: { SALVAGE_PURGE_BATCH_SIZE: '1', SALVAGE_POLL_INTERVAL_MS: '50', SALVAGE_JOB_LEASE_MS: String(LEASE_MS) },
    });
    children.push(node);
    return node;
  };

  beforeAll(async () => {
    scratch = await scratchStore(database, 'salvage-copy-crash-');
  });
  afterAll(async () => {
    for (const node of children) await node.kill();
    await scratch?.remove();
  });

  it('resumes after two crashes and copies every entry exactly once', async () => {
    onTestFailed(() => {
      for (const node of children) console.log(`--- salvage serve output ---\n${node.output() || '(not started)'}`);
    });
    let server = child();
    await server.start();
    const token = await signIn(server.url);
    let pds = new PdsClient(server.url, token);
    const driveId = (await pds.ok('/v2/drive/create', { drive_name: 'copy-crash' }, 201)).drive_id as string;
    const top = await makeFolder(pds, driveId, 'root', 'src');
    let parent = top.file_id as string;
    for (let level = 0; level < 4; level++) {
      for (let i = 0; i < 12; i++) await uploadFile(pds, driveId, parent, `f-${level}-${i}.txt`, `level ${level} file ${i} ${'z'.repeat(i * 10)}`);
      parent = (await makeFolder(pds, driveId, parent, `sub-${level}`)).file_id;
    }
    const expected = await contents(pds, driveId, top.file_id);
    const total = Object.keys(expected).length;
    const res = await pds.ok('/v2/file/copy', { drive_id: driveId, file_id: top.file_id, to_parent_file_id: 'root', new_name: 'dst' }, 202);

    for (const atLeast of [8, 24]) {
      await watchTask(server, pds, res.async_task_id, (t) => t.consumed_process >= atLeast);
      await server.kill();
      server = child();
      await server.start();
      pds = new PdsClient(server.url, token);
    }
    const task = await watchTask(server, pds, res.async_task_id, (t) => t.state !== 'Running', 120_000);
    expect(task).toMatchObject({ state: 'Succeed', consumed_process: total, total_process: total });
    expect(await contents(pds, driveId, res.file_id)).toEqual(expected);
    await server.kill();

    const store = await scratch!.open();
    try {
      const audit = await auditStore(store.db, scratch!.dataDir);
      // On PostgreSQL a blob committed but not yet published when the node died stays
      // staged (readable there) until it is stale; on SQLite the restart publishes it.
      const staged = new Set(audit.stagedFiles);
      const unpublished = [...audit.referencedBlobs].filter((id) => !audit.blobFiles.has(id));
      expect(unpublished.filter((id) => !staged.has(id))).toEqual([]);
      expect(audit.problems.filter((p) => !p.includes('referenced blobs missing on disk'))).toEqual([]);
      if (database === 'sqlite') expect(unpublished).toEqual([]);
    } finally {
      await store.close();
    }
  }, 300_000);
});
