import { Readable } from 'node:stream';
import type fc from 'fast-check';
import { type ParentPick, pickParent } from '../pick.js';
import type { RealDrive } from '../real-drive.js';
import type { TreeModel } from '../reference-model.js';
import { refused } from '../refusal.js';
import { settle } from './settle.js';

/**
 * Creates a folder holding `files` small files and one subfolder with as many again: a
 * subtree big enough that a purge of it takes many batches, so cancels can land midway.
 */
export class CreateTreeCommand implements fc.AsyncCommand<TreeModel, RealDrive> {
  constructor(
    readonly parent: ParentPick,
    readonly files: number,
  ) {}

  check = () => true;

  async run(model: TreeModel, real: RealDrive): Promise<void> {
    const parentId = pickParent(model, this.parent);
    const plan = model.planCreate(parentId, 'tree', 'folder', 'auto_rename');
    const create = (parent: string, name: string) =>
      real.salvage.entries.createFolder(real.me, { driveId: real.driveId, parentId: parent, name, checkNameMode: 'auto_rename' });
    if ('refused' in plan) {
      await refused(create(parentId, 'tree'), plan.refused);
      return settle(model, real);
    }
    const top = (await create(parentId, 'tree')).entry;
    const sub = (await create(top.id, 'sub')).entry;
    for (const e of [top, sub]) model.add({ id: e.id, name: e.name, type: 'folder', size: 0, blobId: null, parentId: e.parentId, trashedAt: null });
    for (const folder of [top, sub]) {
      for (let i = 0; i < this.files; i++) {
        const content = Readable.from([Buffer.alloc(i + 1, i)]);
        const { entry } = await real.salvage.entries.createFile(real.me, { driveId: real.driveId, parentId: folder.id, name: `f${i}`, content });
        model.add({ id: entry.id, name: `f${i}`, type: 'file', size: i + 1, blobId: entry.blobId, parentId: folder.id, trashedAt: null });
      }
    }
    await settle(model, real);
  }

  toString(): string {
    return `create tree of 2x${this.files} files in ${JSON.stringify(this.parent)}`;
  }
}
