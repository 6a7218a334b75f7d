import { postgresOnlySuite } from '../../support/databases.js';
import { startTestNode, type TestNode } from '../../support/node.js';

// Several nodes need a shared database: PostgreSQL only (SQLite is one process).
export const onPostgres = await postgresOnlySuite();

/** Two nodes on one PostgreSQL schema and one data directory, with no job runners. */
export async function twoNodes(): Promise<{ a: TestNode; b: TestNode }> {
  const a = await startTestNode({ database: 'postgres', jobConcurrency: 0 });
  const b = await startTestNode({ databaseUrl: a.databaseUrl, dataDir: a.dataDir, jobConcurrency: 0 });
  return { a, b };
}

/** Stops what `twoNodes` started: B first, then A with the schema and directory they share. */
export async function stopTwoNodes(nodes: { a?: TestNode; b?: TestNode }): Promise<void> {
  await nodes.b?.close();
  await nodes.a?.destroy();
}
