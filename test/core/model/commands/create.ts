import { Readable } from 'node:stream';
import type fc from 'fast-check';
import { expect } from 'vitest';
import { type ParentPick, pickParent } from '../pick.js';
import type { RealDrive } from '../real-drive.js';
import type { CreateMode, TreeModel } from '../reference-model.js';
import { refused } from '../refusal.js';
import { settle } from './settle.js';

/** Creates a folder, or a file with small content, under a (usually live) folder. */
export class CreateCommand implements fc.AsyncCommand<TreeModel, RealDrive> {
  constructor(
    readonly parent: ParentPick,
    readonly name: string,
    readonly mode: CreateMode,
    /** undefined: a folder. */
    readonly content: Uint8Array | undefined,
  ) {}

  check = () => true;

  async run(model: TreeModel, real: RealDrive): Promise<void> {
    const parentId = pickParent(model, this.parent);
    const type = this.content === undefined ? 'folder' : 'file';
    const plan = model.planCreate(parentId, this.name, type, this.mode);
    const input = { driveId: real.driveId, parentId, name: this.name, checkNameMode: this.mode };
    const call = () =>
      this.content === undefined
        ? real.salvage.entries.createFolder(real.me, input)
        : real.salvage.entries.createFile(real.me, { ...input, content: Readable.from([Buffer.from(this.content)]) });
    if ('refused' in plan) {
      await refused(call(), plan.refused);
    } else if ('existing' in plan) {
      const { entry, exist } = await call();
      expect({ exist, id: entry.id }, 'check_name_mode refuse hands back the existing entry').toEqual({ exist: true, id: plan.existing.id });
    } else {
      const { entry, exist } = await call();
      expect({ exist, name: entry.name, type: entry.type, parentId: entry.parentId }).toEqual({ exist: false, name: plan.name, type, parentId });
      model.add({ id: entry.id, name: entry.name, type, size: entry.size, blobId: entry.blobId, parentId, trashedAt: null });
      expect(entry.size).toBe(this.content?.length ?? 0);
    }
    await settle(model, real);
  }

  toString(): string {
    const what = this.content === undefined ? 'folder' : `file(${this.content.length}B)`;
    return `create ${what} ${JSON.stringify(this.name)} in ${JSON.stringify(this.parent)} mode=${this.mode}`;
  }
}
