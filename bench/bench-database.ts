import type { Config } from '../src/config.js';
import { startBenchNode, type BenchNode } from './bench-node.js';
import { newDataDir, removeDataDir } from './data-dir.js';
import { onInterrupt } from './interrupt.js';
import { createBenchSchema, type BenchSchema } from './postgres.js';

export type BenchDatabase = 'sqlite' | 'postgres';

export const DATABASE_LABELS: Record<BenchDatabase, string> = { sqlite: 'SQLite', postgres: 'PostgreSQL' };

export interface BenchSetup {
  node: BenchNode;
  /** The database URL, for a second node on the same store. */
  databaseUrl: string;
  /** Stops the node, removes its data directory and drops its PostgreSQL schema. */
  cleanup(): Promise<void>;
}

/**
 * A node on a fresh database: a SQLite file in a new data directory, or a new schema of
 * the benchmarks' PostgreSQL (`overrides` tune the node). Whatever fails on the way, what was made is removed again.
 */
export async function startOn(database: BenchDatabase, overrides: Partial<Config> = {}): Promise<BenchSetup> {
  const dataDir = await newDataDir();
  let schema: BenchSchema | undefined;
  const dropAll = async () => {
    await removeDataDir(dataDir);
    await schema?.drop();
  };
  try {
    if (database === 'postgres') schema = await createBenchSchema();
    const node = await startBenchNode(dataDir, { ...overrides, ...(schema && { databaseUrl: schema.url }) });
    const cleanup = async () => {
      forget();
      try {
        await node.close();
      } finally {
        await dropAll();
      }
    };
    const forget = onInterrupt(cleanup);
    return { node, databaseUrl: node.databaseFile, cleanup };
  } catch (e) {
    await dropAll();
    throw e;
  }
}
