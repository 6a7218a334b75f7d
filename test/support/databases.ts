import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type Dependency, recordSkip } from './skips.js';

export type TestDatabase = 'sqlite' | 'postgres';

/** Where PostgreSQL tests connect; CI points this at 127.0.0.1:5432 (user postgres). */
export const postgresBaseUrl = process.env.SALVAGE_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Whether a PostgreSQL server answers at `baseUrl` (the benchmarks use this too). */
export async function postgresReachable(baseUrl = postgresBaseUrl): Promise<boolean> {
  const client = new pg.Client({ connectionString: baseUrl, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

let cached: TestDatabase[] | undefined;

/** What the end-of-run block says about a missing PostgreSQL (skips.ts). */
const POSTGRES: Dependency = {
  name: 'PostgreSQL',
  missing: `not reachable at ${postgresBaseUrl}`,
  // Trust auth, user postgres, database test: what the suites expect (or set SALVAGE_TEST_POSTGRES_URL).
  install: 'docker run -d --name salvage-test-postgres -p 5432:5432 -e POSTGRES_HOST_AUTH_METHOD=trust -e POSTGRES_DB=test postgres:16',
  variable: 'SALVAGE_TEST_POSTGRES',
};

async function reachableDatabases(): Promise<TestDatabase[]> {
  if (process.env.SALVAGE_TEST_POSTGRES === 'off') return ['sqlite'];
  return (await postgresReachable()) ? ['sqlite', 'postgres'] : ['sqlite'];
}

/**
 * The databases every store-facing suite runs on: SQLite always, PostgreSQL when it can be
 * reached. Without it the suite runs on SQLite and is named in the end-of-run block; with
 * SALVAGE_TEST_POSTGRES=required (CI) an unreachable PostgreSQL is an error instead.
 */
export async function testDatabases(): Promise<TestDatabase[]> {
  cached ??= await reachableDatabases();
  // Recorded on every call, cached or not: one worker collects several suites.
  if (!cached.includes('postgres')) recordSkip(missingPostgres(), 'partly');
  return cached;
}

/** For a suite that runs only on PostgreSQL (several nodes, outages): whether it can run. */
export async function postgresOnlySuite(): Promise<boolean> {
  const on = (await testDatabases()).includes('postgres');
  if (!on) recordSkip(missingPostgres(), 'whole');
  return on;
}

const missingPostgres = (): Dependency =>
  process.env.SALVAGE_TEST_POSTGRES === 'off' ? { ...POSTGRES, missing: 'turned off (SALVAGE_TEST_POSTGRES=off)' } : POSTGRES;

/** Runs one statement on a connection of its own. */
export async function runStatement(baseUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: baseUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/**
 * A fresh schema on `baseUrl` for one test node or benchmark, and the URL that makes it
 * the connection's search_path. `drop` removes it with everything in it.
 */
export async function createPostgresSchema(
  baseUrl = postgresBaseUrl,
  prefix = 't',
): Promise<{ url: string; schema: string; drop: () => Promise<void> }> {
  const schema = `${prefix}_${randomBytes(6).toString('hex')}`;
  await runStatement(baseUrl, `create schema ${schema}`);
  const url = new URL(baseUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return { url: url.toString(), schema, drop: () => runStatement(baseUrl, `drop schema if exists ${schema} cascade`) };
}
