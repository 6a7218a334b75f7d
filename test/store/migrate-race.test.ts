import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open-store.js';
import { createPostgresSchema, postgresBaseUrl, runStatement, postgresOnlySuite } from '../support/databases.js';

const onPostgres = await postgresOnlySuite();

/**
 * Regression: Kysely's stock introspector, which its migrator uses to find its own table,
 * reads every column of every schema in the database, so a node starting while another
 * schema was being dropped failed with "schema ... does not exist" or "column ... of
 * relation ... does not exist" (both seen in CI, where every test drops its schema at the
 * end). The store's introspector looks only at its own schema.
 */
describe.skipIf(!onPostgres)('migrations on PostgreSQL while other schemas come and go', () => {
  it('start a store every time', async () => {
    const churn = new pg.Client({ connectionString: postgresBaseUrl });
    await churn.connect();
    let stop = false;
    const churning = (async () => {
      for (let i = 0; !stop; i++) {
        const name = `churn_${process.pid}_${i}`;
        const columns = Array.from({ length: 40 }, (_, c) => `c${c} text`).join(', ');
        await churn.query(`create schema ${name}; create table ${name}.t (${columns}); create table ${name}.u (${columns})`);
        await churn.query(`drop table ${name}.t; drop schema ${name} cascade`);
      }
    })();
    try {
      for (let i = 0; i < 12; i++) {
        const schema = await createPostgresSchema();
        try {
          const store = await openStore(schema.url);
          await store.close();
        } finally {
          await schema.drop();
        }
      }
    } finally {
      stop = true;
      await churning;
      await churn.end();
    }
    expect(stop).toBe(true);
  });

  it('introspect only their own schema, so another schema going away cannot reach them', async () => {
    const [mine, other] = [await createPostgresSchema(), await createPostgresSchema()];
    const store = await openStore(mine.url);
    try {
      await runStatement(other.url, 'create table elsewhere (a int)');
      const tables = await store.db.introspection.getTables();
      expect(new Set(tables.map((t) => t.schema))).toEqual(new Set([mine.schema]));
      expect(tables.map((t) => t.name)).toContain('entries');
    } finally {
      await store.close();
      await Promise.all([mine.drop(), other.drop()]);
    }
  });
});
