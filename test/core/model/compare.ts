import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'vitest';
import { nameKey } from '../../../src/core/entries/name-key.js';
import { inconsistencies } from '../../support/consistency.js';
import { eventually } from '../../support/node.js';
import { blobOnDisk, listBin, listInsideBin, listLive, type RealDrive, row, type Row } from './real-drive.js';
import type { ModelEntry, TreeModel } from './reference-model.js';
import { compareBinSearch } from './bin-search.js';
import { compareSearch } from './search.js';

const bytewise = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));
/** The core's order by name: folders first, then by natural key, name and id (docs/pds.md). */
const byName = (a: Row, b: Row) =>
  (a.type === b.type ? 0 : a.type === 'folder' ? -1 : 1) || bytewise(nameKey(a.name), nameKey(b.name)) || bytewise(a.name, b.name) || (a.id < b.id ? -1 : 1);

const expectedRows = (entries: ModelEntry[]) => entries.map(row).sort(byName);

/**
 * Compares the settled system with the model: the listing of every live folder (ids,
 * names, types, sizes, in name order), the bin (trash roots, newest first), the contents
 * of every folder in the bin, used_size and the bin's size (drive and bin attribute), and
 * every entry's subtree counters recomputed from the rows (a cancelled delete leaves a
 * subtree purged part way: its counters must hold between any two batches), live search
 * and the bin's search (bin-search.ts).
 */
export async function compareWithModel(model: TreeModel, real: RealDrive): Promise<void> {
  for (const entry of model.entries.values()) {
    expect(model.where(entry.id), `model invariant: ${entry.id} is live or in the bin`).not.toBe('gone');
  }
  for (const folderId of model.liveFolders()) {
    const listed = (await listLive(real, folderId)).map(row);
    expect(listed, `live listing of ${folderId}`).toEqual(expectedRows(model.childrenOf(folderId)));
  }
  const bin = await listBin(real);
  expect(
    bin.map((e) => ({ ...row(e), trashedAt: e.trashedAt })),
    'bin: trash roots, newest first',
  ).toEqual(model.binRoots().map((e) => ({ ...row(e), trashedAt: e.trashedAt })));
  for (const folderId of model.binnedFolders()) {
    const listed = (await listInsideBin(real, folderId)).map(row);
    expect(listed, `inside bin folder ${folderId}`).toEqual(expectedRows(model.childrenOf(folderId)));
  }
  const drive = await real.salvage.drives.get(real.me, real.driveId);
  const attribute = await real.salvage.bin.attribute(real.me, real.driveId);
  expect({ used: drive.usedSize, bin: drive.binBytes, attribute: attribute.size }, 'space counters').toEqual({
    used: model.usedSize(),
    bin: model.binSize(),
    attribute: model.binSize(),
  });
  expect(await inconsistencies(real.salvage, real.driveId), 'counters recomputed from the rows').toEqual([]);
  await compareSearch(model, real);
  await compareBinSearch(model, real);
}

/**
 * The blob store agrees with the model: every file the model holds has its blob on disk,
 * every blob this run wrote whose file is gone has been removed (after the purge's
 * commit, so allow the engine a moment), and no upload is left half-written in tmp/.
 */
export async function compareBlobs(model: TreeModel, real: RealDrive): Promise<void> {
  const held = new Set([...model.entries.values()].flatMap((e) => (e.blobId ? [e.blobId] : [])));
  await eventually(async () => {
    for (const blobId of model.blobsEverWritten) {
      if ((await blobOnDisk(real.dataDir, blobId)) !== held.has(blobId)) return undefined;
    }
    return true;
  }, 5_000).catch(async () => {
    const wrong: string[] = [];
    for (const blobId of model.blobsEverWritten) {
      const onDisk = await blobOnDisk(real.dataDir, blobId);
      if (onDisk !== held.has(blobId)) wrong.push(`${blobId}: on disk ${onDisk}, held ${held.has(blobId)}`);
    }
    expect(wrong, 'blob files on disk').toEqual([]);
  });
  expect(await readdir(join(real.dataDir, 'blobs', 'tmp')), 'half-written uploads').toEqual([]);
}
