import { randomBytes } from 'node:crypto';
import pg from 'pg';

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

/**
 * The databases every store-facing suite runs on: SQLite always, PostgreSQL when it can be
 * reached. With SALVAGE_TEST_POSTGRES=required (CI) an unreachable PostgreSQL is an error,
 * not a skip; otherwise the skip is printed.
 */
export async function testDatabases(): Promise<TestDatabase[]> {
  if (cached) return cached;
  if (process.env.SALVAGE_TEST_POSTGRES === 'off') return (cached = ['sqlite']);
  if (await postgresReachable()) return (cached = ['sqlite', 'postgres']);
  if (process.env.SALVAGE_TEST_POSTGRES === 'required') {
    throw new Error(`SALVAGE_TEST_POSTGRES=required but PostgreSQL is not reachable at ${postgresBaseUrl}`);
  }
  console.warn(`PostgreSQL not reachable at ${postgresBaseUrl}: PostgreSQL suites skipped (SQLite only).`);
  return (cached = ['sqlite']);
}

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
