import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestNode, type TestNode } from '../support/node.js';
import { makeFolder, type PdsClient, signIn } from '../pds/support/pds-client.js';

/**
 * SQLite reads run on the main thread and writes on a writer thread (split-driver.ts), so
 * neither a long write transaction nor a write lock held by another process stalls the
 * server: reads are answered meanwhile, and the write waits on its own thread.
 */
describe('SQLite writes off the main thread', () => {
  let node: TestNode;
  let pds: PdsClient;
  let driveId: string;
  let folderId: string;
  beforeAll(async () => {
    node = await startTestNode({ database: 'sqlite' });
    pds = await signIn(node);
    driveId = (await pds.ok('/v2/drive/create', { drive_name: 'locks' }, 201)).drive_id;
    folderId = (await makeFolder(pds, driveId, 'root', 'docs')).file_id;
  });
  afterAll(async () => node?.destroy());

  it('answers reads while another connection holds the write lock, and runs the write once it is freed', async () => {
    const other = new BetterSqlite3(node.databaseUrl);
    other.exec('begin immediate');
    let locked = true;
    const write = pds.call('/v2/file/create', { drive_id: driveId, parent_file_id: 'root', name: 'later', type: 'folder' }).then((res) => ({
      res,
      whileLocked: locked,
    }));
    try {
      // The write is now waiting for the lock on the writer thread; reads go on.
      for (let i = 0; i < 5; i++) {
        const got = await pds.ok('/v2/file/get', { drive_id: driveId, file_id: folderId });
        expect(got.name).toBe('docs');
        expect(locked).toBe(true);
      }
      await new Promise((r) => setTimeout(r, 300));
    } finally {
      locked = false;
      other.exec('commit');
      other.close();
    }
    const { res, whileLocked } = await write;
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(whileLocked).toBe(false);
  });

  it('answers a read while a write transaction of its own is still open', async () => {
    const { salvage } = node;
    let inside!: () => void;
    const entered = new Promise<void>((r) => (inside = r));
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const transaction = salvage.ctx.store.writeDrive(driveId, async () => {
      inside();
      await held;
    });
    await entered;
    // A single shared connection made this read wait for the transaction to end.
    const got = await pds.ok('/v2/file/get', { drive_id: driveId, file_id: folderId });
    expect(got.name).toBe('docs');
    release();
    await transaction;
  });

  it('keeps a unique-index violation recognisable across the thread boundary', async () => {
    const first = await pds.call('/v2/file/create', { drive_id: driveId, parent_file_id: folderId, name: 'twin', type: 'folder', check_name_mode: 'refuse' });
    expect(first.status).toBe(201);
    const second = await pds.call('/v2/file/create', { drive_id: driveId, parent_file_id: folderId, name: 'twin', type: 'folder', check_name_mode: 'refuse' });
    expect(second.status).not.toBeGreaterThanOrEqual(500);
  });
});
