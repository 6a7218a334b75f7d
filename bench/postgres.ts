import pg from 'pg';
import { createPostgresSchema, postgresReachable } from '../test/support/databases.js';

/** The PostgreSQL the benchmarks use, as the tests do; each benchmark gets a fresh schema there. */
export const benchPostgresUrl = process.env.SALVAGE_BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface BenchSchema {
  /** A URL whose connections have the schema as their search_path. */
  url: string;
  schema: string;
  drop(): Promise<void>;
}

/** A fresh, empty schema; `drop` removes it with everything in it (call it in a finally). */
export const createBenchSchema = (): Promise<BenchSchema> => createPostgresSchema(benchPostgresUrl, 'bench');

/** The server's version, or why the PostgreSQL benchmarks cannot run. */
export async function postgresVersion(): Promise<{ version: string } | { missing: string }> {
  if (!(await postgresReachable(benchPostgresUrl))) return { missing: `not reachable at ${benchPostgresUrl}` };
  const client = new pg.Client({ connectionString: benchPostgresUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ server_version: string }>('show server_version');
    return { version: rows[0]!.server_version.split(' ')[0]! };
  } finally {
    await client.end();
  }
}
