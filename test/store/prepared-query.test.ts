import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { preparedQuery } from '../../src/store/prepared-query.js';
import { getDrive } from '../../src/store/repositories/drives.repository.js';
import type { Store } from '../../src/store/store.js';
import { testDatabases } from '../support/databases.js';
import { type ScratchStore, scratchStore } from '../support/scratch-store.js';

const databases = await testDatabases();

const byNameAndAdmin = preparedQuery((db, $: { name: string; admin: number }) =>
  db.selectFrom('users').select(['id', 'name']).where('name', '=', $.name).where('is_admin', '=', $.admin).orderBy('id'),
);

/** A query compiled once returns what the builder returns, for any values, in or out of a transaction. */
describe.each(databases)('preparedQuery on %s', (database) => {
  let scratch: ScratchStore;
  let store: Store;
  beforeAll(async () => {
    scratch = await scratchStore(database, 'salvage-prepared-');
    store = await scratch.open();
    await store.db
      .insertInto('users')
      .values([
        { id: 'u1', name: 'ann', password_hash: 'x', is_admin: 0, created_at: 1 },
        { id: 'u2', name: 'bob', password_hash: 'x', is_admin: 1, created_at: 2 },
      ])
      .execute();
  });
  afterAll(async () => {
    await store?.close();
    await scratch?.remove();
  });

  it('binds new values on every run, by name', async () => {
    expect(await byNameAndAdmin(store.db, { name: 'ann', admin: 0 })).toEqual([{ id: 'u1', name: 'ann' }]);
    expect(await byNameAndAdmin(store.db, { admin: 1, name: 'bob' })).toEqual([{ id: 'u2', name: 'bob' }]);
    expect(await byNameAndAdmin(store.db, { name: 'ann', admin: 1 })).toEqual([]);
  });

  it('runs in a transaction, seeing its writes', async () => {
    const seen = await store.transaction(async (tx) => {
      await tx.insertInto('users').values({ id: 'u3', name: 'cy', password_hash: 'x', is_admin: 0, created_at: 3 }).execute();
      return byNameAndAdmin(tx, { name: 'cy', admin: 0 });
    });
    expect(seen).toEqual([{ id: 'u3', name: 'cy' }]);
  });

  // PostgreSQL's own behaviour: registered only there, so SQLite's half skips nothing.
  if (database === 'postgres') {
    it('is a named prepared statement of the connection on PostgreSQL, parsed once', async () => {
      const prepared = await store.transaction(async (tx) => {
        await byNameAndAdmin(tx, { name: 'ann', admin: 0 });
        await byNameAndAdmin(tx, { name: 'bob', admin: 1 });
        const { rows } = await sql<{ name: string }>`select name from pg_prepared_statements where statement like '%"is_admin" = $2%'`.execute(tx);
        return rows.map((r) => r.name);
      });
      expect(prepared).toHaveLength(1);
      expect(prepared[0]).toMatch(/^salvage_[0-9]+$/);
    });

    it('keeps working on its connections when a migration adds a column (a node still running while another upgrades)', async () => {
      const read = () => store.transaction((tx) => getDrive(tx, 'no-such-drive'));
      expect(await read()).toBeUndefined();
      await sql`alter table drives add column later_column text`.execute(store.db);
      // `select *` prepared before would now fail: "cached plan must not change result type".
      expect(await read()).toBeUndefined();
      await sql`alter table drives drop column later_column`.execute(store.db);
    });
  }
});
