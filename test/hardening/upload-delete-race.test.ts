import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open-store.js';
import { type PdsClient, signIn } from '../pds/support/pds-client.js';
import { testDatabases } from '../support/databases.js';
import { eventually, startTestNode, type TestNode } from '../support/node.js';
import { auditStore } from '../support/store-audit.js';

/** Attempts per database: before the fix, 400 on SQLite gave four 500s (and orphans were seen 5 in 800). */
const ATTEMPTS = { sqlite: 1000, postgres: 200 } as const;
/** Attempts in flight at once, each lane on a drive of its own (one running job per drive). */
const LANES = 4;
/** The PUT follows the delete by at most this many ms. */
const MAX_DELAY_MS = 500;

/**
 * Issue 13 item 3: a PUT to an upload URL racing /v2/file/delete of that uploading file.
 * The delete's purge unlinked the object path, then the temporary path, and the PUT's
 * rename (temporary to object) could land between the two: a blob on disk that nothing
 * references, forever. The periodic sweep is set far beyond the test, so what is audited
 * is what publication and deletion leave by themselves: no orphan, nothing staged, and no
 * 5xx on either side.
 */
describe.each(await testDatabases())('an upload racing its own delete on %s', (database) => {
  let node: TestNode | undefined;
  afterAll(async () => node?.destroy());

  it('leaves no orphan blob, whoever wins', async () => {
    node = await startTestNode({ database, jobConcurrency: LANES, blobSweepIntervalMs: 3_600_000 });
    const pds = await signIn(node);
    const statuses = new Map<string, number>();
    const count = (what: string) => statuses.set(what, (statuses.get(what) ?? 0) + 1);
    const lanes = await Promise.all(
      Array.from({ length: LANES }, (_, i) => pds.ok('/v2/drive/create', { drive_name: `race-${i}` }, 201).then((d) => d.drive_id as string)),
    );
    const perLane = Math.ceil(ATTEMPTS[database] / LANES);
    const body = Buffer.alloc(2048, 7);
    await Promise.all(
      lanes.map(async (driveId, lane) => {
        // How long the PUT waits after the delete. It follows the boundary between the PUT
        // winning and the delete winning, where the two commits meet: later after a win of
        // the PUT, sooner after a loss.
        let delay = 30;
        for (let i = 0; i < perLane; i++) {
          const putWon = await attempt(pds, { driveId, name: `f-${lane}-${i}`, body, delay: delay + ((i * 7) % 3) - 1, count });
          const step = Math.max(1, Math.round(delay / 8));
          delay = Math.max(0, Math.min(MAX_DELAY_MS, delay + (putWon ? step : -step)));
        }
      }),
    );
    // Every delete job ends; then the node stops, so nothing it does later is audited.
    await eventually(async () => {
      const rows = await node!.salvage.ctx.store.db.selectFrom('jobs').select('id').where('state', 'in', ['queued', 'running']).execute();
      return rows.length === 0 ? true : undefined;
    }, 60_000);
    await node.close();
    const store = await openStore(node.databaseUrl);
    try {
      const audit = await auditStore(store.db, node.dataDir);
      const fiveHundreds = [...statuses.keys()].filter((k) => / 5\d\d$/.test(k));
      expect({ problems: audit.problems, staged: audit.stagedFiles, fiveHundreds }).toEqual({ problems: [], staged: [], fiveHundreds: [] });
      expect(audit.entries).toBe(LANES); // each drive's root only
    } finally {
      await store.close();
    }
  }, 180_000);
});

/** One round: an uploading file, deleted and then PUT `delay` ms later. True if the PUT won. */
async function attempt(
  pds: PdsClient,
  a: { driveId: string; name: string; body: Buffer; delay: number; count: (what: string) => void },
): Promise<boolean> {
  const created = await pds.ok('/v2/file/create', { drive_id: a.driveId, parent_file_id: 'root', name: a.name, type: 'file', size: a.body.length }, 201);
  const del = pds.call('/v2/file/delete', { drive_id: a.driveId, file_id: created.file_id }).then((res) => a.count(`delete ${res.status}`));
  await new Promise((r) => setTimeout(r, a.delay));
  const put = fetch(created.part_info_list[0].upload_url as string, { method: 'PUT', body: a.body }).then(async (res) => {
    await res.arrayBuffer();
    a.count(`put ${res.status}`);
    return res.status === 200;
  });
  const [putWon] = await Promise.all([put, del]);
  return putWon;
}
