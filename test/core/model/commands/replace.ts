import { Readable } from 'node:stream';
import type fc from 'fast-check';
import { expect } from 'vitest';
import { type Pick, pickId } from '../pick.js';
import type { RealDrive } from '../real-drive.js';
import type { TreeModel } from '../reference-model.js';
import { refused } from '../refusal.js';
import { settle } from './settle.js';

/**
 * Trashes a live entry and makes a new one of the same name in its place, as a user
 * replacing a file does: a later restore of the old one must not overwrite or merge, but
 * take `name (restored).ext`.
 */
export class ReplaceCommand implements fc.AsyncCommand<TreeModel, RealDrive> {
  constructor(
    readonly target: Pick,
    readonly content: Uint8Array,
  ) {}

  check = () => true;

  async run(model: TreeModel, real: RealDrive): Promise<void> {
    const id = pickId(model, this.target);
    const refusal = model.refuseTrash(id);
    if (refusal) {
      await refused(real.salvage.bin.trash(real.me, { driveId: real.driveId, fileId: id }), refusal);
      return settle(model, real);
    }
    const old = model.entries.get(id)!;
    const { entry: trashed } = await real.salvage.bin.trash(real.me, { driveId: real.driveId, fileId: id });
    model.trash(id, trashed.trashedAt!, trashed.deletionEventId!);
    const input = { driveId: real.driveId, parentId: old.parentId!, name: old.name };
    const { entry } =
      old.type === 'folder'
        ? await real.salvage.entries.createFolder(real.me, input)
        : await real.salvage.entries.createFile(real.me, { ...input, content: Readable.from([Buffer.from(this.content)]) });
    expect(entry.name).toBe(old.name);
    const size = old.type === 'file' ? this.content.length : 0;
    model.add({ id: entry.id, name: old.name, type: old.type, size, blobId: entry.blobId, parentId: old.parentId, trashedAt: null });
    await settle(model, real);
  }

  toString(): string {
    return `replace ${JSON.stringify(this.target)} with ${this.content.length}B`;
  }
}
