import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PdsClient, signIn } from '../pds/support/pds-client.js';
import { startTestNode, type TestNode } from '../support/node.js';

/**
 * Issue 13 item 5: another process holds the SQLite file's write lock (a backup tool, a
 * second `salvage` by mistake) for longer than Salvage waits. The server must not freeze:
 * reads and /healthz answer at once throughout, a write waits off the event loop for at
 * most its bound and then answers 503 with Retry-After (it used to answer 500), and once
 * the lock is gone writes work again.
 */
describe('a SQLite file locked by another process', () => {
  let node: TestNode;
  let pds: PdsClient;
  beforeAll(async () => {
    node = await startTestNode({ database: 'sqlite' });
    pds = await signIn(node);
  });
  afterAll(async () => node?.destroy());

  it('keeps reads and /healthz fast, answers writes 503 with Retry-After, and recovers', async () => {
    const drive = await pds.ok('/v2/drive/create', { drive_name: 'locked', owner: node.adminActor.userId }, 201);
    const driveId = drive.drive_id as string;
    const kept = await pds.ok('/v2/file/create', { drive_id: driveId, parent_file_id: 'root', name: 'kept', type: 'folder' }, 201);

    const other = new BetterSqlite3(node.databaseUrl);
    other.exec('begin immediate');
    try {
      const started = Date.now();
      const write = pds.call('/v2/file/create', { drive_id: driveId, parent_file_id: 'root', name: 'blocked', type: 'folder' });
      // While the write waits, the event loop serves everything else without delay.
      const slowest = { ms: 0 };
      let settled = false;
      void write.finally(() => (settled = true));
      while (!settled) {
        const t0 = Date.now();
        expect((await fetch(`${node.url}/healthz`)).status).toBe(200);
        await pds.ok('/v2/file/get', { drive_id: driveId, file_id: kept.file_id });
        slowest.ms = Math.max(slowest.ms, Date.now() - t0);
        await new Promise((r) => setTimeout(r, 100));
      }
      const answer = await write;
      expect(answer.status, JSON.stringify(answer.body)).toBe(503);
      expect(answer.body.code).toBe('ServiceUnavailable');
      expect(answer.headers.get('retry-after')).toBe('5');
      // Bounded: about the writer's busy timeout, not forever.
      expect(Date.now() - started).toBeLessThan(15_000);
      expect(slowest.ms).toBeLessThan(1_000);
    } finally {
      other.exec('rollback');
      other.close();
    }
    // Nothing of the refused write was kept, and writes work again.
    const listed = await pds.ok('/v2/file/list', { drive_id: driveId, parent_file_id: 'root' });
    expect(listed.items.map((i: { name: string }) => i.name)).toEqual(['kept']);
    await pds.ok('/v2/file/create', { drive_id: driveId, parent_file_id: 'root', name: 'after', type: 'folder' }, 201);
  }, 60_000);
});
