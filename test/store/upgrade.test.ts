import { type Kysely, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { nameKey } from '../../src/core/entries/name-key.js';
import { isUniqueViolation } from '../../src/store/unique-violation.js';
import { testDatabases } from '../support/databases.js';
import { driveInconsistencies } from '../support/consistency.js';
import { startTestNode, type TestNode } from '../support/node.js';
import { type ScratchStore, scratchStore } from '../support/scratch-store.js';
import { type Json, signIn, uploadFile, waitForTask } from '../pds/support/pds-client.js';
import { legacyMigrations } from './fixtures/legacy-migrations/index.js';
import { connect, migrate } from './support/schema.js';

const databases = await testDatabases();
// Databases in the field stopped at one of these: before 0006 was released, and after.
const stages = ['0004-upload-parts', '0006-restore-claims'];
const cases = databases.flatMap((database) => stages.map((stage) => [database, stage] as const));

// Recent, so the bin's 30-day retention leaves old.txt alone.
const T = Date.now() - 60_000;
const DRIVE = 'd_legacy';

function insert(db: Kysely<unknown>, table: string, row: Record<string, unknown>) {
  const columns = sql.join(Object.keys(row).map((c) => sql.ref(c)));
  return sql`insert into ${sql.table(table)} (${columns}) values (${sql.join(Object.values(row))})`.execute(db);
}

function entry(id: string, parentId: string | null, name: string, type: 'file' | 'folder', bytes: number, count: number) {
  return {
    drive_id: DRIVE, id, parent_id: parentId, name, type, size: type === 'file' ? bytes : 0,
    blob_id: null, created_by: 'u_alice', created_at: T, updated_at: T, accessed_at: T, changed_at: T,
    tree_bytes: bytes, tree_count: count,
  };
}

/**
 * A drive as the old code left it: root/docs/a.txt (5 bytes) live, old.txt (3 bytes) in
 * the bin, and a finished restore job with `exclusive` set.
 */
async function seedLegacyRows(db: Kysely<unknown>): Promise<void> {
  await insert(db, 'users', { id: 'u_alice', name: 'alice', password_hash: 'not-a-hash', is_admin: 0, created_at: T });
  await insert(db, 'drives', {
    id: DRIVE, name: 'legacy', owner_id: 'u_alice', used_size: 8, bin_bytes: 3, bin_enabled: 1, reserved_days: 30,
    bin_enabled_at: T, origin: 'pds', created_at: T, updated_at: T,
  });
  await insert(db, 'entries', entry('root', null, '', 'folder', 5, 3));
  await insert(db, 'entries', entry('f_docs', 'root', 'docs', 'folder', 5, 2));
  await insert(db, 'entries', entry('f_a', 'f_docs', 'a.txt', 'file', 5, 1));
  await insert(db, 'entries', {
    ...entry('f_old', 'root', 'old.txt', 'file', 3, 1),
    trashed_at: T + 1, trashed_by: 'u_alice', orig_parent_id: 'root', orig_path: '/old.txt',
  });
  await insert(db, 'jobs', {
    drive_id: DRIVE, type: 'restore', state: 'succeeded', exclusive: 1, target_id: 'f_gone', target_name: 'gone.txt',
    total: 1, processed: 1, created_by: 'u_alice', created_at: T, started_at: T, finished_at: T + 5, updated_at: T + 5,
    attempts: 1,
  });
}

const MANY = 2_100;

/** More rows than one batch of 0023's key filling, in another drive, 500 to a statement. */
async function seedManyNames(db: Kysely<unknown>): Promise<void> {
  const rows = Array.from({ length: MANY }, (_, i) => ({ ...entry(`f_${i}`, 'root', `n${i}`, 'file', 0, 1), drive_id: 'd_many' }));
  for (let i = 0; i < rows.length; i += 500) {
    const batch = rows.slice(i, i + 500);
    const columns = sql.join(Object.keys(batch[0]!).map((c) => sql.ref(c)));
    await sql`insert into entries (${columns}) values ${sql.join(batch.map((r) => sql`(${sql.join(Object.values(r))})`))}`.execute(db);
  }
}

/**
 * A database made by the per-database migrations the project shipped before the schema
 * was written once, holding data, opens through the normal startup path and is upgraded
 * in place: rows kept, `jobs.exclusive` gone, restore claims present, the server works.
 */
describe.each(cases)('upgrade in place on %s from %s', (database, stage) => {
  let scratch: ScratchStore | undefined;
  let node: TestNode | undefined;
  afterEach(async () => {
    await node?.close();
    await scratch?.remove();
  });

  it('keeps the data and serves it', async () => {
    scratch = await scratchStore(database, 'salvage-upgrade-');
    const legacy = connect(database, scratch.databaseUrl);
    try {
      await migrate(legacy, database, legacyMigrations(database), stage);
      await seedLegacyRows(legacy);
      await seedManyNames(legacy);
    } finally {
      await legacy.destroy();
    }

    node = await startTestNode({ database, dataDir: scratch.dataDir, databaseUrl: scratch.databaseUrl });
    const db = node.salvage.ctx.store.db;
    const applied = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db);
    expect(applied.rows.map((r) => r.name)).toEqual([
      '0001-initial', '0002-pds-auth-uploads', '0003-signature-nonces', '0004-upload-parts', '0006-restore-claims',
      '0007-drop-job-exclusive', '0008-search-marks', '0009-listing-orders', '0010-teams', '0011-sign-in-failures', '0012-nfc-names',
      '0013-drive-members', '0014-acting-users', '0015-open-upload-bytes', '0016-bin-search', '0017-audit', '0018-retention-lock',
      '0019-deletion-events', '0020-dav-locks', '0021-dead-properties', '0022-held-names', '0023-name-keys',
    ]);
    const job = await db.selectFrom('jobs').selectAll().executeTakeFirstOrThrow();
    expect(job).toMatchObject({ drive_id: DRIVE, type: 'restore', state: 'succeeded', processed: 1, finished_at: T + 5 });
    expect(job).not.toHaveProperty('exclusive');
    const old = await db.selectFrom('entries').selectAll().where('id', '=', 'f_old').executeTakeFirstOrThrow();
    expect(old).toMatchObject({ trashed_at: T + 1, orig_path: '/old.txt', restore_job_id: null, created_by: 'u_alice', modified_by: 'u_alice' });
    expect(await driveInconsistencies(db, DRIVE)).toEqual([]);
    // 0023 gave every row, over several batches, its name's natural sort key.
    const keyed = await db.selectFrom('entries').select(['name', 'name_key']).execute();
    expect(keyed.length).toBe(4 + MANY);
    expect(keyed.filter((r) => r.name_key !== nameKey(r.name))).toEqual([]);
    expect(keyed.find((r) => r.name === 'n1000')?.name_key).toBe('n41000');

    // Still one running job per drive, kept by the database, now without the column.
    const running = {
      drive_id: 'd_other', type: 'delete', state: 'running', phase: '', cancel_requested: 0, target_id: null,
      target_name: null, params: '{}', total: 0, processed: 0, failed: 0, error_code: null, error_message: null,
      created_by: 'u_alice', created_at: T, started_at: T, finished_at: null, updated_at: T, lease_owner: null,
      lease_expires_at: null, attempts: 1,
    } as const;
    const twoRunning = node.salvage.ctx.store.transaction(async (tx) => {
      await tx.insertInto('jobs').values(running).execute();
      await tx.insertInto('jobs').values(running).execute();
    });
    expect(isUniqueViolation(await twoRunning.catch((err: unknown) => err))).toBe(true);

    // The server works on the upgraded data: trash, restore, upload, download.
    const pds = await signIn(node);
    const names = async (path: string) =>
      ((await pds.ok(path, { drive_id: DRIVE, parent_file_id: 'root' })).items as Json[]).map((i) => i.name).sort();
    expect(await names('/v2/file/list')).toEqual(['docs']);
    expect(await names('/v2/recyclebin/list')).toEqual(['old.txt']);
    await pds.ok('/v2/recyclebin/trash', { drive_id: DRIVE, file_id: 'f_docs' }, 202);
    for (const fileId of ['f_old', 'f_docs']) {
      const restore = await pds.ok('/v2/recyclebin/restore', { drive_id: DRIVE, file_id: fileId }, 202);
      expect((await waitForTask(pds, restore.async_task_id)).state).toBe('Succeed');
    }
    expect(await names('/v2/file/list')).toEqual(['docs', 'old.txt']);
    expect(await names('/v2/recyclebin/list')).toEqual([]);
    // A permanent delete always runs as a job the engine claims (trash and restore run at once).
    const gone = await pds.ok('/v2/file/delete', { drive_id: DRIVE, file_id: 'f_a' }, 202);
    expect((await waitForTask(pds, gone.async_task_id)).state).toBe('Succeed');
    const added = await uploadFile(pds, DRIVE, 'f_docs', 'b.txt', 'after the upgrade');
    const url = (await pds.ok('/v2/file/get_download_url', { drive_id: DRIVE, file_id: added.file_id })).url as string;
    expect(await (await fetch(url)).text()).toBe('after the upgrade');
    expect(await driveInconsistencies(db, DRIVE)).toEqual([]);
  });
});
