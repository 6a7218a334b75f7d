import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../support/databases.js';
import { startTestNode, type TestNode } from '../support/node.js';
import { type JobsClient, signedIn } from './support/jobs-client.js';

const databases = await testDatabases();

interface Listed {
  jobs: { jobId: { id: number }; jobState: string }[];
  page: number;
  pageSize: number;
  totalCount: number;
}

/**
 * GET /v1/jobs with a state filter that mixes queued and finished jobs pages in the
 * database: every page is a slice of one newest-first order, and totalCount counts the
 * whole filter. The jobs interleave by id (a completed restore, a queued purge, a
 * cancelled purge, over and over), so a listing that concatenated or merged per kind
 * would show it.
 */
describe.each(databases)('Jobs dialect: paging a mixed state filter on %s', (database) => {
  let node: TestNode;
  let admin: JobsClient;
  let restoreDrive: string;
  let purgeDrive: string;
  const made = { COMPLETE: [] as number[], EXAMINING: [] as number[], CANCELLED: [] as number[] };
  const ROUNDS = 50;

  beforeAll(async () => {
    // No engine: restores of an empty folder finish at once, purges stay queued until cancelled.
    node = await startTestNode({ database, jobConcurrency: 0 });
    const a = node.adminActor;
    restoreDrive = (await node.salvage.drives.create(a, { name: 'Restores', origin: 'pds' })).id;
    purgeDrive = (await node.salvage.drives.create(a, { name: 'Purges', origin: 'pds' })).id;
    const trashed = async (driveId: string, name: string) => {
      const { entry } = await node.salvage.entries.createFolder(a, { driveId, parentId: 'root', name, checkNameMode: 'refuse' });
      await node.salvage.bin.trash(a, { driveId, fileId: entry.id });
      return entry.id;
    };
    for (let i = 0; i < ROUNDS; i++) {
      const restored = await node.salvage.bin.restore(a, { driveId: restoreDrive, fileId: await trashed(restoreDrive, `r${i}`), policy: 'queue' });
      made.COMPLETE.push(restored.job.id);
      const queued = await node.salvage.bin.delete(a, { driveId: purgeDrive, fileId: await trashed(purgeDrive, `q${i}`), policy: 'queue', binOnly: true });
      made.EXAMINING.push(queued.id);
      const cancelled = await node.salvage.bin.delete(a, { driveId: purgeDrive, fileId: await trashed(purgeDrive, `c${i}`), policy: 'queue', binOnly: true });
      await node.salvage.jobs.cancel(a, String(cancelled.id));
      made.CANCELLED.push(cancelled.id);
    }
    admin = await signedIn(node.url);
  }, 120_000);
  afterAll(async () => node?.destroy());

  const list = async (query: string): Promise<Listed> => {
    const answer = await admin.call('GET', `/v1/jobs?${query}`);
    expect(answer.status, query).toBe(200);
    return answer.body as Listed;
  };

  /** Every page of `query` at `pageSize`, checking each page's totalCount on the way. */
  const allPages = async (query: string, pageSize: number, total: number) => {
    const ids: number[] = [];
    for (let page = 1; page <= Math.ceil(total / pageSize) + 1; page++) {
      const answer = await list(`${query}&pageSize=${pageSize}&page=${page}`);
      expect(answer).toMatchObject({ page, pageSize, totalCount: total });
      ids.push(...answer.jobs.map((j) => j.jobId.id));
    }
    return ids;
  };

  const newestFirst = (...lists: number[][]) => lists.flat().sort((x, y) => y - x);

  it('made the mix it meant to', async () => {
    for (const [state, ids] of Object.entries(made)) {
      expect(ids).toHaveLength(ROUNDS);
      const listed = await list(`state=${state}&pageSize=100`);
      expect(listed.totalCount, state).toBe(ROUNDS);
      expect(listed.jobs.every((j) => j.jobState === state), state).toBe(true);
    }
  });

  it('pages EXAMINING,COMPLETE in one newest-first order with the full count', async () => {
    const expected = newestFirst(made.EXAMINING, made.COMPLETE);
    expect(await allPages('state=EXAMINING,COMPLETE', 7, expected.length)).toEqual(expected);
  });

  it('pages all three kinds, and a drive filter, the same way', async () => {
    const all = newestFirst(made.EXAMINING, made.COMPLETE, made.CANCELLED);
    expect(await allPages('state=CANCELLED,EXAMINING,COMPLETE', 11, all.length)).toEqual(all);
    const purges = newestFirst(made.EXAMINING, made.CANCELLED);
    expect(await allPages(`state=EXAMINING,COMPLETE,CANCELLED&drive=${purgeDrive}`, 9, purges.length)).toEqual(purges);
  });

  it('counts past the last page, and a running stage matches none of these', async () => {
    const beyond = await list('state=EXAMINING,COMPLETE&pageSize=10&page=50');
    expect(beyond).toMatchObject({ jobs: [], totalCount: 2 * ROUNDS });
    expect((await list('state=PROCESSING,EXECUTING')).totalCount).toBe(0);
  });
});
