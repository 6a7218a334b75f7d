import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The PostgreSQL the benchmarks use, as the tests do; each benchmark gets a fresh schema there. */
export const benchPostgresUrl = process.env.SALVAGE_BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: benchPostgresUrl, connectionTimeoutMillis: 2000 });
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

export interface BenchSchema {
  /** A URL whose connections have the schema as their search_path. */
  url: string;
  schema: string;
  drop(): Promise<void>;
}

async function run(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: benchPostgresUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** A fresh, empty schema; `drop` removes it with everything in it (call it in a finally). */
export async function createBenchSchema(): Promise<BenchSchema> {
  const schema = `bench_${randomBytes(6).toString('hex')}`;
  await run(`create schema ${schema}`);
  const url = new URL(benchPostgresUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return { url: url.toString(), schema, drop: () => run(`drop schema if exists ${schema} cascade`) };
}

/** The server's version, or why the PostgreSQL benchmarks cannot run. */
export async function postgresVersion(): Promise<{ version: string } | { missing: string }> {
  if (!(await postgresReachable())) return { missing: `not reachable at ${benchPostgresUrl}` };
  const client = new pg.Client({ connectionString: benchPostgresUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ server_version: string }>('show server_version');
    return { version: rows[0]!.server_version.split(' ')[0]! };
  } finally {
    await client.end();
  }
}
