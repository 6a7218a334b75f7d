import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll } from 'vitest';
import { startNode, type RunningNode } from '../../src/cli/node.js';
import { type Config, loadConfig } from '../../src/config.js';
import type { Actor } from '../../src/core/types.js';
import { createPostgresSchema, type TestDatabase } from './databases.js';

export interface TestNode extends RunningNode {
  dataDir: string;
  database: TestDatabase;
  /** The database this node uses, for a second node on the same store. */
  databaseUrl: string;
  /** The admin as the core sees it, for setting up data without HTTP. */
  adminActor: Actor;
  /** Stops the server and removes its data directory. */
  destroy(): Promise<void>;
}

/**
 * A real Salvage node on a free port with its own database (a SQLite file, or a fresh
 * PostgreSQL schema) and blob directory in a temporary folder. `overrides` tune it.
 */
export async function startTestNode(overrides: Partial<Config> & { database?: TestDatabase } = {}): Promise<TestNode> {
  const { database = 'sqlite', ...configOverrides } = overrides;
  const dataDir = overrides.dataDir ?? (await mkdtemp(join(tmpdir(), 'salvage-test-')));
  const pgSchema = database === 'postgres' && !overrides.databaseUrl ? await createPostgresSchema() : undefined;
  const config: Config = {
    ...loadConfig({ dataDir }, {}),
    ...(pgSchema && { databaseUrl: pgSchema.url }),
    port: 0,
    host: '127.0.0.1',
    adminPassword: 'admin-password',
    adminAccessKeyId: 'LTAItestadminkey',
    adminAccessKeySecret: 'test-admin-secret',
    pollIntervalMs: 50,
    retentionCheckIntervalMs: 60_000,
    // No 32 MiB disk reserve per test data directory; test/hardening/full-disk turns it on.
    diskReserveBytes: 0,
    ...configOverrides,
  };
  const node = await startNode(config, pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }));
  const admin = (await node.salvage.users.all()).find((u) => u.name === 'admin')!;
  return {
    ...node,
    dataDir,
    database,
    databaseUrl: config.databaseUrl,
    adminActor: { userId: admin.id, isAdmin: true },
    async destroy() {
      await node.close();
      await rm(dataDir, { recursive: true, force: true });
      await pgSchema?.drop();
    },
  };
}

/**
 * Nodes run one after another on one store, as a server restarted: `first` gives the store
 * a PostgreSQL schema of its own (so it outlives the node), `next` starts on the last
 * one's database and data directory (close that one first). All is removed after the
 * describe block.
 */
export function restartableNodes(database: TestDatabase) {
  let last: TestNode | undefined;
  let dropSchema: (() => Promise<void>) | undefined;
  afterAll(async () => {
    await last?.destroy();
    await dropSchema?.();
  });
  return {
    async first(overrides: Partial<Config> = {}): Promise<TestNode> {
      const schema = database === 'postgres' ? await createPostgresSchema() : undefined;
      dropSchema = schema?.drop;
      last = await startTestNode({ database, ...(schema && { databaseUrl: schema.url }), ...overrides });
      return last;
    },
    async next(overrides: Partial<Config> = {}): Promise<TestNode> {
      if (!last) throw new Error('restartableNodes: next() before first()');
      const { dataDir, databaseUrl } = last;
      last = await startTestNode({ database, dataDir, databaseUrl, ...overrides });
      return last;
    },
  };
}

/** Polls `check` until it returns a value other than undefined, or fails after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 20_000, everyMs = 25): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
