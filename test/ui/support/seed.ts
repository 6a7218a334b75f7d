import { bulkFill } from '../../crash/bulk-fill.js';
import type { TestNode } from '../../support/node.js';

/** A drive for the browser tests, made through the core as the PDS API would make it (bin on, 30 days). */
export async function seedDrive(node: TestNode, name: string, totalSize = 50 * 1024 * 1024): Promise<string> {
  const drive = await node.salvage.drives.create(node.adminActor, { name, origin: 'pds', totalSize });
  return drive.id;
}

/**
 * A folder holding `folders` x `perFolder` empty folders (plus the subfolders), written in
 * bulk: a purge of it takes one batch per `purgeBatchSize` rows.
 */
export async function seedBigFolder(node: TestNode, driveId: string, name: string, folders: number, perFolder: number): Promise<string> {
  const { entry } = await node.salvage.entries.createFolder(node.adminActor, { driveId, parentId: 'root', name, checkNameMode: 'refuse' });
  await bulkFill(node.salvage, node.adminActor, driveId, [entry.id], { folders, filesPerFolder: 0, emptyPerFolder: perFolder });
  return entry.id;
}
