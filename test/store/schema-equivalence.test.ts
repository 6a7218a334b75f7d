import { afterEach, describe, expect, it } from 'vitest';
import { schemaMigrations } from '../../src/store/migrations/index.js';
import { testDatabases } from '../support/databases.js';
import { type ScratchStore, scratchStore } from '../support/scratch-store.js';
import { legacyMigrations } from './fixtures/legacy-migrations/index.js';
import { connect, describeSchema, migrate } from './support/schema.js';

const databases = await testDatabases();

/**
 * The migrations written once make, on each database, exactly the schema its hand-written
 * copy made: same types, defaults, keys, indexes and predicates.
 */
describe.each(databases)('one schema for both databases, on %s', (database) => {
  const scratches: ScratchStore[] = [];
  afterEach(async () => {
    for (const s of scratches.splice(0)) await s.remove();
  });

  /** The schema of a new database after `provider`'s migrations up to `to` (all if absent). */
  async function schemaAfter(steps: { provider: ReturnType<typeof schemaMigrations>; to?: string }[]) {
    const scratch = await scratchStore(database, 'salvage-schema-');
    scratches.push(scratch);
    const db = connect(database, scratch.databaseUrl);
    try {
      for (const { provider, to } of steps) await migrate(db, database, provider, to);
      return await describeSchema(db, database);
    } finally {
      await db.destroy();
    }
  }

  it('0001-0004 and 0006 make what the per-database copies made', async () => {
    for (const to of ['0004-upload-parts', '0006-restore-claims']) {
      const legacy = await schemaAfter([{ provider: legacyMigrations(database), to }]);
      const shared = await schemaAfter([{ provider: schemaMigrations(database), to }]);
      expect(shared, to).toEqual(legacy);
    }
  });

  it('a database made by the copies and upgraded ends with the schema of a new one', async () => {
    const upgraded = await schemaAfter([{ provider: legacyMigrations(database) }, { provider: schemaMigrations(database) }]);
    const fresh = await schemaAfter([{ provider: schemaMigrations(database) }]);
    expect(upgraded).toEqual(fresh);
    expect(JSON.stringify(fresh)).not.toContain('exclusive');
  });
});
