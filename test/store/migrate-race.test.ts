import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open-store.js';
import { createPostgresSchema, postgresBaseUrl, testDatabases } from '../support/databases.js';

const onPostgres = (await testDatabases()).includes('postgres');

/**
 * Regression: Kysely's migrator reads the catalog of every schema in the database to find
 * its own table, so a node starting while some other schema was being dropped failed with
 * "schema ... does not exist" (seen in CI, where every test drops its schema at the end).
 */
describe.skipIf(!onPostgres)('migrations on PostgreSQL while other schemas come and go', () => {
  it('start a store every time', async () => {
    const churn = new pg.Client({ connectionString: postgresBaseUrl });
    await churn.connect();
    let stop = false;
    const churning = (async () => {
      for (let i = 0; !stop; i++) {
        const name = `churn_${process.pid}_${i}`;
        await churn.query(`create schema ${name}; create table ${name}.t (a int, b text, c bigint)`);
        await churn.query(`drop schema ${name} cascade`);
      }
    })();
    try {
      for (let i = 0; i < 8; i++) {
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
});
