import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Salvage } from '../../src/core/salvage.js';
import { bulkFill } from '../crash/bulk-fill.js';
import type { Actor, Job } from '../../src/core/types.js';
import { eventually, startTestNode, type TestNode } from '../support/node.js';
import { refused } from './model/refusal.js';
import { bytes, type Fixture, makeFixture } from './refusals/fixture.js';
import { changesNothing, type Scene } from './refusals/snapshot.js';

import { testDatabases } from '../support/databases.js';

const databases = await testDatabases();

describe.each(databases)('core refusals on %s', (database) => {
  /**
   * Every refusal SPEC section 2 names, each checked to change nothing: drive counters,
   * the live tree, the bin and what is inside it, the drive's jobs, and the blob files on
   * disk are the same after the refused call as before it.
   */

  let node: TestNode;
  /** A node with no job engine: its jobs stay queued, so a drive stays busy as long as needed. */
  let idle: TestNode;
  beforeAll(async () => {
    [node, idle] = await Promise.all([startTestNode({ database, purgeBatchSize: 1 }), startTestNode({ database, jobConcurrency: 0 })]);
  });
  afterAll(async () => {
    await Promise.all([node?.destroy(), idle?.destroy()]);
  });

  const sceneOf = (n: TestNode, ...driveIds: string[]): Scene => ({ salvage: n.salvage, admin: n.adminActor, dataDir: n.dataDir, driveIds });

  async function finished(salvage: Salvage, me: Actor, job: Job): Promise<Job> {
    return eventually(async () => {
      const now = await salvage.jobs.get(me, String(job.id));
      return now.state === 'queued' || now.state === 'running' ? undefined : now;
    });
  }

  describe('conflicting jobs (NAS: policy refuse)', () => {
    it('refuses a second job on a busy drive: JobConflict naming the job for the same file, TooManyRunningJobs otherwise', async () => {
      const { salvage, adminActor: me } = idle;
      const f = await makeFixture(salvage, me);
      const other = (await salvage.entries.createFile(me, { driveId: f.driveId, parentId: 'root', name: 'other.txt', content: bytes('o') })).entry;
      await salvage.bin.trash(me, { driveId: f.driveId, fileId: other.id });
      // No engine runs on this node: the delete holds the drive, the restore queues behind it.
      const del = await salvage.bin.delete(me, { driveId: f.driveId, fileId: f.attic.id, policy: 'queue', binOnly: true });
      const res = await salvage.bin.restore(me, { driveId: f.driveId, fileId: f.old.id, policy: 'queue' });
      expect([del.state, res.job.state]).toEqual(['queued', 'queued']);
      const scene = sceneOf(idle, f.driveId);
      const d = f.driveId;

      await changesNothing(scene, async () => {
        const err = await refused(salvage.bin.restore(me, { driveId: d, fileId: f.old.id, policy: 'refuse' }), 'JobConflict');
        expect(err.message).toContain(String(res.job.id));
        expect(err).toMatchObject({ details: { jobId: String(res.job.id) } });
      });
      await changesNothing(scene, async () => {
        const err = await refused(salvage.bin.delete(me, { driveId: d, fileId: f.old.id, policy: 'refuse', binOnly: true }), 'JobConflict');
        expect(err.message).toContain(String(res.job.id));
      });
      // The file the delete job is purging: the same FileId as the running job, so a conflict
      // naming it, not a not-found (SPEC section 2, NAS OperationDenied.Conflict).
      await changesNothing(scene, async () => {
        const err = await refused(salvage.bin.delete(me, { driveId: d, fileId: f.attic.id, policy: 'refuse', binOnly: true }), 'JobConflict');
        expect(err.message).toContain(String(del.id));
        expect(err).toMatchObject({ details: { jobId: String(del.id) } });
      });
      await changesNothing(scene, async () => {
        const err = await refused(salvage.bin.restore(me, { driveId: d, fileId: f.attic.id, policy: 'refuse' }), 'JobConflict');
        expect(err.message).toContain(String(del.id));
      });
      await changesNothing(scene, () => refused(salvage.bin.restore(me, { driveId: d, fileId: other.id, policy: 'refuse' }), 'TooManyRunningJobs'));
      await changesNothing(scene, () => refused(salvage.bin.delete(me, { driveId: d, fileId: other.id, policy: 'refuse', binOnly: true }), 'TooManyRunningJobs'));
      await changesNothing(scene, () => refused(salvage.bin.delete(me, { driveId: d, fileId: f.a.id, policy: 'refuse', binOnly: false }), 'TooManyRunningJobs'));
      await changesNothing(scene, () => refused(salvage.bin.clear(me, { driveId: d, policy: 'refuse' }), 'TooManyRunningJobs'));
    });

    it('refuses while a purge is really running; the purge then stops within a batch of a cancel', async () => {
      const { salvage, adminActor: me } = node;
      const f = await makeFixture(salvage, me);
      const d = f.driveId;
      const big = (await salvage.entries.createFolder(me, { driveId: d, parentId: 'root', name: 'big' })).entry;
      // Its 1,000 empty folders written in bulk (bulk-fill.ts), not a transaction each: what is under test is the purge.
      await bulkFill(salvage, me, d, [big.id], { folders: 1000, filesPerFolder: 0, emptyPerFolder: 0, folderName: (i) => `f${i}` });
      // One entry per batch: the purge of 1001 entries takes a thousand transactions.
      const job = await salvage.bin.delete(me, { driveId: d, fileId: big.id, policy: 'queue', binOnly: false });
      const stateOf = async () => (await salvage.jobs.get(me, String(job.id))).state;
      while ((await stateOf()) === 'queued') await new Promise((r) => setImmediate(r));
      expect(await stateOf()).toBe('running');
      const err = await refused(salvage.bin.delete(me, { driveId: d, fileId: f.old.id, policy: 'refuse', binOnly: true }), 'TooManyRunningJobs');
      expect(err.message).toMatch(/one/);
      expect(err).toMatchObject({ details: { jobId: String(job.id) } });
      await refused(salvage.bin.restore(me, { driveId: d, fileId: f.old.id, policy: 'refuse' }), 'TooManyRunningJobs');
      await refused(salvage.bin.clear(me, { driveId: d, policy: 'refuse' }), 'TooManyRunningJobs');
      expect(await stateOf(), 'the refusals happened while the purge ran').toBe('running');
      const jobs = await salvage.jobs.list(me, { driveId: d, limit: 10 });
      expect(jobs.items.map((j) => j.id), 'no job was created by the refusals').toEqual([job.id]);
      // A cancel lands between batches: what was purged stays purged, the rest is in the bin.
      while ((await salvage.jobs.get(me, String(job.id))).processed === 0) await new Promise((r) => setImmediate(r));
      expect((await salvage.jobs.cancel(me, String(job.id))).cancelRequested).toBe(true);
      const done = await finished(salvage, me, job);
      expect(done.state).toBe('cancelled');
      expect(done.processed).toBeGreaterThan(0);
      expect(done.processed).toBeLessThan(1001);
      const bin = (await salvage.bin.list(me, { driveId: d })).items.map((i) => i.id);
      expect(bin.sort()).toEqual([big.id, f.attic.id, f.old.id].sort());
      await salvage.bin.restore(me, { driveId: d, fileId: big.id, policy: 'queue' });
      const left = await salvage.entries.list(me, { driveId: d, parentId: big.id, limit: 1000 });
      expect(left.items).toHaveLength(1000 - done.processed);
      expect((await salvage.drives.get(me, d)).usedSize).toBe(5 + 2 + 3 + 3 + 3);
    });
  });

  describe('cancel', () => {
    it('refuses to cancel a finished job, naming its state', async () => {
      const { salvage, adminActor: me } = node;
      const f = await makeFixture(salvage, me);
      const done = await finished(salvage, me, await salvage.bin.delete(me, { driveId: f.driveId, fileId: f.old.id, policy: 'queue', binOnly: true }));
      expect(done.state).toBe('succeeded');
      await changesNothing(sceneOf(node, f.driveId), async () => {
        const err = await refused(salvage.jobs.cancel(me, String(done.id)), 'JobNotCancellable');
        expect(err.message).toContain('succeeded');
        expect(err).toMatchObject({ details: { state: 'succeeded' } });
      });
    });

    it('refuses to cancel a cancelled job, naming its state', async () => {
      const { salvage, adminActor: me } = idle;
      const f = await makeFixture(salvage, me);
      const job = await salvage.bin.delete(me, { driveId: f.driveId, fileId: f.old.id, policy: 'queue', binOnly: true });
      expect((await salvage.jobs.cancel(me, String(job.id))).state).toBe('cancelled');
      expect((await salvage.bin.list(me, { driveId: f.driveId })).items.map((i) => i.id), 'a cancelled delete leaves the item in the bin').toContain(
        f.old.id,
      );
      await changesNothing(sceneOf(idle, f.driveId), async () => {
        const err = await refused(salvage.jobs.cancel(me, String(job.id)), 'JobNotCancellable');
        expect(err.message).toContain('cancelled');
      });
    });

    it('answers an unknown job with JobNotFound, naming the id', async () => {
      const { salvage, adminActor: me } = node;
      const f = await makeFixture(salvage, me);
      await changesNothing(sceneOf(node, f.driveId), async () => {
        for (const id of ['999999', '2147483647', '2147483648', '99999999999', 'abc', '-1', '1.5']) {
          const err = await refused(salvage.jobs.cancel(me, id), 'JobNotFound');
          expect(err).toMatchObject({ details: { id, field: 'jobId' } });
          await refused(salvage.jobs.get(me, id), 'JobNotFound');
        }
      });
    });
  });

  describe('page tokens', () => {
    it('refuses forged, tampered and wrong-scope tokens on bin list, folder list and search', async () => {
      const { salvage, adminActor: me } = node;
      const f = await makeFixture(salvage, me);
      const g = await makeFixture(salvage, me, { name: 'second' });
      const d = f.driveId;
      for (const name of ['x1', 'x2', 'x3']) await salvage.entries.createFolder(me, { driveId: d, parentId: f.docs.id, name });
      const binToken = (await salvage.bin.list(me, { driveId: d, limit: 1 })).nextToken;
      const otherBinToken = (await salvage.bin.list(me, { driveId: g.driveId, limit: 1 })).nextToken;
      const docsToken = (await salvage.entries.list(me, { driveId: d, parentId: f.docs.id, limit: 1 })).nextToken;
      const byName = { kind: 'nameContains' as const, value: 'x' };
      const searchToken = (await salvage.entries.search(me, { driveId: d, filter: byName, limit: 1, scope: 'name match x' })).nextToken;
      expect([binToken, otherBinToken, docsToken, searchToken].every((t) => t !== '')).toBe(true);

      const tamper = (token: string): string[] => {
        const [body, sig] = token.split('.') as [string, string];
        const moved = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(body, 'base64url').toString()), id: 'zzzzzz' })).toString('base64url');
        // Flip the first character: the last one of 43 carries padding bits a decoder may ignore.
        const flipped = (sig.startsWith('A') ? 'B' : 'A') + sig.slice(1);
        return [`${moved}.${sig}`, `${body}.${flipped}`, `${body}.`, body, `${body}.${sig}x`];
      };
      // Tokens that are not strings are the dialects' to refuse: the core takes a string.
      const forged = ['eyJ0IjoxfQ.forged', 'abc.def', 'nodot', '.', 'x'.repeat(3000)];

      const asBin = (token: string) => salvage.bin.list(me, { driveId: d, limit: 1, token });
      const asDocs = (token: string) => salvage.entries.list(me, { driveId: d, parentId: f.docs.id, limit: 1, token });
      const asSearch = (token: string) => salvage.entries.search(me, { driveId: d, filter: byName, limit: 1, token, scope: 'name match x' });
      const cases: [string, (t: string) => Promise<unknown>, string[]][] = [
        ['bin list', asBin, [...forged, ...tamper(binToken), docsToken, searchToken, otherBinToken]],
        ['folder list', asDocs, [...forged, ...tamper(docsToken), binToken, searchToken]],
        ['search', asSearch, [...forged, ...tamper(searchToken), binToken, docsToken]],
      ];
      // The same token on another folder, or another sort order of the same folder, is another listing.
      cases.push(['other folder', (t) => salvage.entries.list(me, { driveId: d, parentId: 'root', limit: 1, token: t }), [docsToken]]);
      cases.push(['other order', (t) => salvage.entries.list(me, { driveId: d, parentId: f.docs.id, limit: 1, orderBy: 'size', token: t }), [docsToken]]);
      cases.push(['other search', (t) => salvage.entries.search(me, { driveId: d, filter: byName, limit: 1, token: t, scope: 'name match y' }), [searchToken]]);

      await changesNothing(sceneOf(node, d, g.driveId), async () => {
        for (const [what, call, tokens] of cases) {
          for (const token of tokens) {
            const err = await refused(call(token), 'InvalidPageToken').catch((e: Error) => {
              throw new Error(`${what} with token ${token.slice(0, 60)}: ${e.message}`);
            });
            // The core names its own field; each dialect calls it by its wire name.
            expect(err).toMatchObject({ details: { field: 'token' } });
          }
        }
      });
      // The genuine tokens still work: the refusals were about the tokens, nothing else.
      expect((await asBin(binToken)).items).toHaveLength(1);
      expect((await asDocs(docsToken)).items).toHaveLength(1);
    });
  });

  describe('names', () => {
    const bad: [string, string][] = [
      ['a/b', 'InvalidName'],
      ['a\0b', 'InvalidName'],
      ['.', 'InvalidName'],
      ['..', 'InvalidName'],
      ['x'.repeat(1025), 'InvalidName'],
      ['é'.repeat(513), 'InvalidName'], // 1026 bytes in UTF-8, 513 characters
      ['bad\uD800half', 'InvalidName'], // a lone surrogate is not UTF-8
      ['', 'MissingParameter'],
    ];

    it('refuses bad names on create folder, create file and rename', async () => {
      const { salvage, adminActor: me } = node;
      const f = await makeFixture(salvage, me);
      const d = f.driveId;
      await changesNothing(sceneOf(node, d), async () => {
        for (const [name, code] of bad) {
          await refused(salvage.entries.createFolder(me, { driveId: d, parentId: 'root', name }), code);
          await refused(salvage.entries.createFile(me, { driveId: d, parentId: 'root', name, content: bytes('zz') }), code);
          await refused(salvage.entries.move(me, { driveId: d, fileId: f.a.id, name }), code);
        }
      });
      // The limits are exact: 1024 bytes is a good name.
      const longest = 'é'.repeat(512);
      expect((await salvage.entries.createFolder(me, { driveId: d, parentId: 'root', name: longest })).entry.name).toBe(longest);
    });

    it('a clash: ignore refuses, refuse hands back the existing entry, neither changes anything', async () => {
      const { salvage, adminActor: me } = node;
      const f = await makeFixture(salvage, me);
      const d = f.driveId;
      await changesNothing(sceneOf(node, d), async () => {
        await refused(salvage.entries.createFolder(me, { driveId: d, parentId: 'root', name: 'docs' }), 'NameConflict');
        await refused(salvage.entries.createFolder(me, { driveId: d, parentId: 'root', name: 'a.txt', checkNameMode: 'ignore' }), 'NameConflict');
        await refused(salvage.entries.createFile(me, { driveId: d, parentId: 'root', name: 'a.txt', content: bytes('new') }), 'NameConflict');
        await refused(salvage.entries.move(me, { driveId: d, fileId: f.a.id, name: 'docs' }), 'NameConflict');
        await refused(salvage.entries.move(me, { driveId: d, fileId: f.a.id, name: 'docs', checkNameMode: 'refuse' }), 'NameConflict');
        await refused(salvage.entries.move(me, { driveId: d, fileId: f.b.id, parentId: 'root', name: 'a.txt' }), 'NameConflict');
        const folder = await salvage.entries.createFolder(me, { driveId: d, parentId: 'root', name: 'docs', checkNameMode: 'refuse' });
        expect({ exist: folder.exist, id: folder.entry.id }).toEqual({ exist: true, id: f.docs.id });
        const file = await salvage.entries.createFile(me, { driveId: d, parentId: 'root', name: 'a.txt', checkNameMode: 'refuse', content: bytes('other') });
        expect({ exist: file.exist, id: file.entry.id, size: file.entry.size }).toEqual({ exist: true, id: f.a.id, size: 5 });
      });
      // auto_rename takes the next free name(n); a name only trashed entries hold is free.
      const renamed = await salvage.entries.createFile(me, { driveId: d, parentId: 'root', name: 'a.txt', checkNameMode: 'auto_rename', content: bytes('x') });
      expect(renamed.entry.name).toBe('a(1).txt');
      const again = await salvage.entries.createFolder(me, { driveId: d, parentId: 'root', name: 'a.txt', checkNameMode: 'auto_rename' });
      expect(again.entry.name).toBe('a.txt(1)'); // folders take the tag at the end
      expect((await salvage.entries.createFile(me, { driveId: d, parentId: 'root', name: 'old.txt', content: bytes('n') })).exist).toBe(false);
    });
  });

  describe('ids', () => {
    it('answers ids outside [A-Za-z0-9._-]{1,128} as naming nothing, with the field that named them', async () => {
      // Each dialect refuses such ids with its own wire error before the core sees them;
      // called directly, the core finds nothing by them and never takes them to the database.
      const { salvage, adminActor: me } = node;
      const f = await makeFixture(salvage, me);
      const d = f.driveId;
      const badIds = ['a/b', 'a b', '../root', 'ü', 'x'.repeat(129), 'a\0', 'a;drop', ''];
      await changesNothing(sceneOf(node, d), async () => {
        for (const bad of badIds) {
          // Thunks: each call starts only when its refusal is awaited, so none rejects unheard.
          const calls: [string, string, () => Promise<unknown>][] = [
            ['DriveNotFound', 'driveId', () => salvage.drives.get(me, bad)],
            ['DriveNotFound', 'driveId', () => salvage.entries.list(me, { driveId: bad, parentId: 'root' })],
            ['DriveNotFound', 'driveId', () => salvage.bin.clear(me, { driveId: bad, policy: 'queue' })],
            ['EntryNotFound', 'fileId', () => salvage.entries.get(me, { driveId: d, fileId: bad })],
            ['EntryNotFound', 'fileId', () => salvage.bin.trash(me, { driveId: d, fileId: bad })],
            ['EntryNotFound', 'fileId', () => salvage.bin.restore(me, { driveId: d, fileId: bad, policy: 'queue' })],
            ['EntryNotFound', 'fileId', () => salvage.bin.delete(me, { driveId: d, fileId: bad, policy: 'queue', binOnly: false })],
            ['EntryNotFound', 'fileId', () => salvage.bin.listInside(me, { driveId: d, folderId: bad })],
            ['TargetNotFound', 'parentId', () => salvage.entries.list(me, { driveId: d, parentId: bad })],
            ['TargetNotFound', 'parentId', () => salvage.entries.createFolder(me, { driveId: d, parentId: bad, name: 'n' })],
            ['TargetNotFound', 'parentId', () => salvage.entries.createFile(me, { driveId: d, parentId: bad, name: 'n', content: bytes('n') })],
            ['TargetNotFound', 'targetId', () => salvage.bin.restore(me, { driveId: d, fileId: f.old.id, targetId: bad, policy: 'queue' })],
            ['TargetNotFound', 'parentId', () => salvage.entries.move(me, { driveId: d, fileId: f.a.id, parentId: bad })],
          ];
          for (const [code, field, call] of calls) {
            const err = await refused(call(), code);
            expect(err).toMatchObject({ details: { id: bad, field } });
          }
        }
      });
    });
  });

  describe('quota', () => {
    it('refuses an upload beyond total_size and leaves nothing half-written', async () => {
      const { salvage, adminActor: me } = node;
      // The fixture holds 5 + 2 + 3 + 3 + 3 = 16 bytes, 6 of them in the bin.
      const f = await makeFixture(salvage, me, { totalSize: 20 });
      const d = f.driveId;
      const upload = (content: Readable | string, size?: number) =>
        salvage.entries.createFile(me, { driveId: d, parentId: 'root', name: 'new.bin', size, content: typeof content === 'string' ? bytes(content) : content });
      await changesNothing(sceneOf(node, d), async () => {
        await refused(upload('12345'), 'QuotaExceeded'); // streamed past the quota
        await refused(upload('12345', 5), 'QuotaExceeded'); // declared up front
        await refused(upload(Readable.from([Buffer.alloc(3), Buffer.alloc(3)])), 'QuotaExceeded'); // in chunks
        await refused(upload('123', 2), 'UploadMismatch'); // more than declared
        await refused(upload('12', 3), 'UploadMismatch'); // less than declared
        await refused(upload('1', -1), 'InvalidParameter');
        // A source that fails midway leaves nothing either; repeated, because the staged file
        // was once left behind when the failure beat the file's open (a race).
        for (let i = 0; i < 100; i++) {
          const failing = new Readable({ read() { this.push(Buffer.from('ab')); this.destroy(new Error('client went away')); } });
          await expect(upload(failing)).rejects.toThrow('client went away');
        }
      });
      // Bytes in the bin count: trashing frees no quota; the last free bytes are usable.
      await salvage.bin.trash(me, { driveId: d, fileId: f.a.id });
      await changesNothing(sceneOf(node, d), () => refused(upload('12345'), 'QuotaExceeded'));
      expect((await upload('1234')).entry.size).toBe(4);
      expect((await salvage.drives.get(me, d)).usedSize).toBe(20);
    });

    it('lets only one of two racing uploads take the last free bytes', async () => {
      const { salvage, adminActor: me } = node;
      const f = await makeFixture(salvage, me, { totalSize: 20 });
      const d = f.driveId;
      const race = await Promise.allSettled(
        ['r1', 'r2'].map((name) => salvage.entries.createFile(me, { driveId: d, parentId: 'root', name, content: bytes('123') })),
      );
      expect(race.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
      expect((race.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).toMatchObject({ code: 'QuotaExceeded' });
      expect((await salvage.drives.get(me, d)).usedSize).toBe(19);
      expect(await readdir(join(node.dataDir, 'blobs', 'tmp'))).toEqual([]);
    });
  });

  describe('bin disabled', () => {
    it('refuses trash with BinDisabled, and retention changes', async () => {
      const { salvage, adminActor: me } = node;
      const f = await makeFixture(salvage, me);
      const d = f.driveId;
      await finished(salvage, me, await salvage.bin.disableAndClean(me, { driveId: d }));
      expect((await salvage.bin.list(me, { driveId: d })).items).toEqual([]);
      await changesNothing(sceneOf(node, d), async () => {
        const err = await refused(salvage.bin.trash(me, { driveId: d, fileId: f.a.id }), 'BinDisabled');
        expect(err.message).toContain(d);
        await refused(salvage.bin.trash(me, { driveId: d, fileId: f.docs.id }), 'BinDisabled');
        await refused(salvage.bin.updateRetention(me, { driveId: d, reservedDays: 7 }), 'BinDisabled');
      });
      expect((await salvage.entries.get(me, { driveId: d, fileId: f.a.id })).name).toBe('a.txt');
      // Permanent delete still works with the bin off.
      const gone = await finished(salvage, me, await salvage.bin.delete(me, { driveId: d, fileId: f.a.id, policy: 'queue', binOnly: false }));
      expect(gone.state).toBe('succeeded');
      await refused(salvage.entries.get(me, { driveId: d, fileId: f.a.id }), 'EntryNotFound');
    });
  });

  describe('restore of something not in the bin', () => {
    it('answers EntryNotFound for live, unknown, purged and root entries', async () => {
      const { salvage, adminActor: me } = node;
      const f = await makeFixture(salvage, me);
      const d = f.driveId;
      await finished(salvage, me, await salvage.bin.delete(me, { driveId: d, fileId: f.old.id, policy: 'queue', binOnly: true }));
      await changesNothing(sceneOf(node, d), async () => {
        for (const id of [f.a.id, f.docs.id, f.sub.id, 'root', 'no-such-entry', f.old.id]) {
          for (const policy of ['queue', 'refuse'] as const) {
            const err = await refused(salvage.bin.restore(me, { driveId: d, fileId: id, policy }), 'EntryNotFound');
            expect(err.message).toContain(id);
          }
        }
        // NAS deletes only what is in the bin; browsing inside the bin needs a folder in it.
        await refused(salvage.bin.delete(me, { driveId: d, fileId: f.a.id, policy: 'refuse', binOnly: true }), 'EntryNotFound');
        await refused(salvage.bin.delete(me, { driveId: d, fileId: f.old.id, policy: 'queue', binOnly: false }), 'EntryNotFound');
        await refused(salvage.bin.listInside(me, { driveId: d, folderId: f.docs.id }), 'EntryNotFound');
        // A restore into a target that is not a live folder.
        await refused(salvage.bin.restore(me, { driveId: d, fileId: f.attic.id, targetId: f.a.id, policy: 'queue' }), 'TargetNotFound');
        await refused(salvage.bin.restore(me, { driveId: d, fileId: f.attic.id, targetId: f.attic.id, policy: 'queue' }), 'TargetNotFound');
      });
    });
  });

  describe("another user's drive, file and job", () => {
    it('answers exactly as for ones that do not exist', async () => {
      const { salvage, adminActor: admin } = node;
      const f = await makeFixture(salvage, admin);
      const bob = salvage.users.actorOf(await salvage.users.create({ name: 'bob', password: 'bob-password' }));
      const bobs = await makeFixture(salvage, bob, { name: 'bobs' });
      const adminJob = await finished(salvage, admin, await salvage.bin.delete(admin, { driveId: f.driveId, fileId: f.old.id, policy: 'queue', binOnly: true }));
      const missingDrive = '0123456789';
      const missingFile = '0123456789abcdef01234567';
      const missingJob = String(adminJob.id + 100_000);

      /** The error with the asked-for id taken out: what is left must not tell the ids apart. */
      const answer = async (call: Promise<unknown>, id: string) => {
        try {
          await call;
        } catch (err) {
          const e = err as Error & { code: string; details: object };
          const strip = (s: string) => s.split(id).join('<id>');
          return { code: e.code, message: strip(e.message), details: JSON.parse(strip(JSON.stringify(e.details))) };
        }
        throw new Error(`expected a refusal for ${id}`);
      };
      const sameAsMissing = async (ask: (id: string) => Promise<unknown>, theirs: string, missing: string, code: string) => {
        const real = await answer(ask(theirs), theirs);
        expect(real).toEqual(await answer(ask(missing), missing));
        expect(real.code).toBe(code);
      };

      await changesNothing(sceneOf(node, f.driveId, bobs.driveId), async () => {
        const driveAsks: ((id: string) => Promise<unknown>)[] = [
          (id) => salvage.drives.get(bob, id),
          (id) => salvage.entries.list(bob, { driveId: id, parentId: 'root' }),
          (id) => salvage.entries.get(bob, { driveId: id, fileId: f.a.id }),
          (id) => salvage.entries.createFolder(bob, { driveId: id, parentId: 'root', name: 'intruder' }),
          (id) => salvage.entries.createFile(bob, { driveId: id, parentId: 'root', name: 'intruder', content: bytes('x') }),
          (id) => salvage.bin.list(bob, { driveId: id }),
          (id) => salvage.bin.attribute(bob, id),
          (id) => salvage.bin.trash(bob, { driveId: id, fileId: f.a.id }),
          (id) => salvage.bin.restore(bob, { driveId: id, fileId: f.attic.id, policy: 'queue' }),
          (id) => salvage.bin.delete(bob, { driveId: id, fileId: f.a.id, policy: 'queue', binOnly: false }),
          (id) => salvage.bin.clear(bob, { driveId: id, policy: 'queue' }),
          (id) => salvage.bin.disableAndClean(bob, { driveId: id }),
          (id) => salvage.drives.delete(bob, { driveId: id }),
        ];
        for (const ask of driveAsks) await sameAsMissing(ask, f.driveId, missingDrive, 'DriveNotFound');

        // Admin's file ids asked on bob's own drive.
        const b = bobs.driveId;
        const fileAsks: ((id: string) => Promise<unknown>)[] = [
          (id) => salvage.entries.get(bob, { driveId: b, fileId: id }),
          (id) => salvage.entries.list(bob, { driveId: b, parentId: id }),
          (id) => salvage.bin.trash(bob, { driveId: b, fileId: id }),
          (id) => salvage.bin.restore(bob, { driveId: b, fileId: id, policy: 'queue' }),
          (id) => salvage.bin.delete(bob, { driveId: b, fileId: id, policy: 'queue', binOnly: false }),
          (id) => salvage.bin.listInside(bob, { driveId: b, folderId: id }),
        ];
        for (const ask of fileAsks) {
          const theirs = await answer(ask(f.attic.id), f.attic.id);
          expect(theirs).toEqual(await answer(ask(missingFile), missingFile));
        }

        await sameAsMissing((id) => salvage.jobs.get(bob, id), String(adminJob.id), missingJob, 'JobNotFound');
        await sameAsMissing((id) => salvage.jobs.cancel(bob, id), String(adminJob.id), missingJob, 'JobNotFound');
      });
      expect((await salvage.jobs.list(bob, { limit: 100 })).items.every((j) => j.driveId === bobs.driveId)).toBe(true);
      expect((await salvage.drives.list(bob, { offset: 0, limit: 100 })).items.map((x) => x.id)).toEqual([bobs.driveId]);
    });
  });

  describe('moves', () => {
    it('refuses moving a folder into itself or its own subtree, and moving or binning root', async () => {
      const { salvage, adminActor: me } = node;
      const f = await makeFixture(salvage, me);
      const d = f.driveId;
      await changesNothing(sceneOf(node, d), async () => {
        await refused(salvage.entries.move(me, { driveId: d, fileId: f.docs.id, parentId: f.docs.id }), 'InvalidMove');
        await refused(salvage.entries.move(me, { driveId: d, fileId: f.docs.id, parentId: f.sub.id }), 'InvalidMove');
        await refused(salvage.entries.move(me, { driveId: d, fileId: 'root', parentId: f.docs.id }), 'InvalidMove');
        await refused(salvage.entries.move(me, { driveId: d, fileId: 'root', name: 'top' }), 'InvalidMove');
        await refused(salvage.bin.trash(me, { driveId: d, fileId: 'root' }), 'InvalidMove');
        await refused(salvage.bin.delete(me, { driveId: d, fileId: 'root', policy: 'queue', binOnly: false }), 'InvalidMove');
        // Into a file, or into a folder that is in the bin: not a live folder.
        await refused(salvage.entries.move(me, { driveId: d, fileId: f.b.id, parentId: f.a.id }), 'TargetNotFound');
        await refused(salvage.entries.move(me, { driveId: d, fileId: f.b.id, parentId: f.attic.id }), 'TargetNotFound');
        // A trashed entry cannot be moved as if it were live.
        await refused(salvage.entries.move(me, { driveId: d, fileId: f.old.id, parentId: f.docs.id }), 'EntryNotFound');
      });
    });
  });
});
