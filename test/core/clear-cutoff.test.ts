import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestNode, type TestNode } from '../support/node.js';
import { bytes } from './refusals/fixture.js';

import { testDatabases } from '../support/databases.js';

const databases = await testDatabases();

describe.each(databases)('core clear cutoff on %s', (database) => {
  /**
   * Emptying the bin purges what was in it when asked. An item trashed afterwards must
   * survive even when it lands in the same millisecond as the clear's cutoff (or the clock
   * stepped back): the bin must show it and the clear job must leave it alone.
   */
  let node: TestNode;
  beforeAll(async () => {
    node = await startTestNode({ database, purgeBatchSize: 1 });
  });
  afterAll(async () => node?.destroy());

  describe('empty the bin, then trash at once', () => {
    it('keeps an item trashed in the same millisecond as the clear', async () => {
      const { salvage, adminActor: me } = node;
      const drive = await salvage.drives.create(me, { name: 'cutoff', origin: 'pds' });
      const d = drive.id;
      const old = (await salvage.entries.createFile(me, { driveId: d, parentId: 'root', name: 'old', content: bytes('12') })).entry;
      const keep = (await salvage.entries.createFile(me, { driveId: d, parentId: 'root', name: 'keep', content: bytes('345') })).entry;
      await salvage.bin.trash(me, { driveId: d, fileId: old.id });

      // Freeze the node's clock so the clear and the trash after it share one millisecond.
      const system = salvage.ctx.clock;
      const at = Date.now() + 1000;
      salvage.ctx.clock = { now: () => at };
      try {
        const clear = await salvage.bin.clear(me, { driveId: d, policy: 'queue' });
        await salvage.bin.trash(me, { driveId: d, fileId: keep.id });
        expect((await salvage.bin.list(me, { driveId: d })).items.map((i) => i.id), 'trashed after the clear: in the bin').toEqual([keep.id]);
        const done = await eventually(async () => {
          const j = await salvage.jobs.get(me, String(clear.id));
          return j.state === 'queued' || j.state === 'running' ? undefined : j;
        });
        expect(done.state).toBe('succeeded');
      } finally {
        salvage.ctx.clock = system;
      }
      expect((await salvage.bin.list(me, { driveId: d })).items.map((i) => i.id), 'the clear left it alone').toEqual([keep.id]);
      expect((await salvage.bin.attribute(me, d)).size).toBe(3);
      const restored = await salvage.bin.restore(me, { driveId: d, fileId: keep.id, policy: 'queue' });
      expect(restored.entry?.name).toBe('keep');
      expect((await salvage.drives.get(me, d)).usedSize).toBe(3);
    });
  });
});
