import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../support/databases.js';
import { startTestNode, type TestNode } from '../support/node.js';
import { hasWebdavClients, LITMUS } from './support/clients.js';
import { binOf, userWithDrive } from './support/dav-client.js';

const run = promisify(execFile);
const databases = await testDatabases();
const present = hasWebdavClients('WebDAV litmus suite');

/**
 * The litmus WebDAV test suite (Debian package litmus), all five of its suites, against a
 * real server, on each database: 0 failures and no warnings; then every file litmus
 * deleted (or overwrote) is found in the bin, trashed by the WebDAV user.
 */
describe.skipIf(!present).each(databases)('litmus on %s', (database) => {
  let node: TestNode;
  beforeAll(async () => {
    node = await startTestNode({ database });
  });
  afterAll(async () => node?.destroy());

  it('passes basic, copymove, props, locks and http, and every delete lands in the bin', async () => {
    const { drive, dav, user } = await userWithDrive(node, 'alice', 'docs');
    expect((await dav.request('MKCOL', '/dav/docs/litmus/')).status).toBe(201);
    // litmus writes child.log and debug.log into its working folder: a temporary one.
    const cwd = await mkdtemp(join(tmpdir(), 'salvage-litmus-'));
    const { stdout } = await run(LITMUS, ['-k', `${node.url}/dav/docs/litmus/`, 'alice', 'alice-password'], { cwd, timeout: 120_000 })
      .catch((err: { stdout?: string; stderr?: string }) => {
        throw new Error(`litmus failed:\n${err.stdout ?? ''}${err.stderr ?? ''}`);
      })
      .finally(() => rm(cwd, { recursive: true, force: true }));
    const summaries = [...stdout.matchAll(/summary for `(\w+)': of (\d+) tests run: (\d+) passed, (\d+) failed/g)];
    expect(summaries.map((m) => m[1])).toEqual(['basic', 'copymove', 'props', 'locks', 'http']);
    for (const m of summaries) expect(m[4], `${m[1]} failures:\n${stdout}`).toBe('0');
    expect(stdout, stdout).not.toMatch(/WARNING|warning was issued/);

    // What litmus deleted is in the bin: every trash the audit trail saw from WebDAV.
    const db = node.salvage.ctx.store.db;
    const trashed = await db.selectFrom('audit').select(['item_id', 'dialect', 'actor_id']).where('action', '=', 'trash').where('drive_id', '=', drive.id).execute();
    expect(trashed.length).toBeGreaterThan(10);
    for (const t of trashed) {
      expect(t).toMatchObject({ dialect: 'webdav', actor_id: user.id });
      const state = await node.salvage.entries.state(node.adminActor, { driveId: drive.id, fileId: t.item_id! });
      expect(state.state).toBe('binned');
    }
    const purged = await db.selectFrom('audit').select('item_id').where('action', '=', 'delete').where('drive_id', '=', drive.id).execute();
    expect(purged).toEqual([]);
    const bin = await binOf(dav, 'docs');
    expect(bin.length).toBeGreaterThan(0);
    expect(new Set(bin.map((b) => b.props['trashbin-deleted-by-display-name']))).toEqual(new Set(['alice']));
  });
});
