import { startBenchNode } from './bench-node.js';
import { seedSubtree } from './seed.js';

/**
 * Prepares the data directory of the memory benchmark in a process of its own: a node makes
 * the drive and folder, stops, and the folder is seeded. Seeding holds a large SQLite page
 * cache; done in the benchmark's main process it would raise that process's RSS, and on
 * Linux a spawned child's `maxRSS` starts at its parent's RSS at spawn time.
 *
 * argv: <dataDir> <entries>; prints one JSON line: { driveId, folderId, databaseFile, seed }.
 */
async function main(): Promise<void> {
  const [dataDir, entries] = process.argv.slice(2);
  if (!dataDir || !entries) throw new Error('usage: purge-memory-seed-child <dataDir> <entries>');
  const node = await startBenchNode(dataDir);
  const { salvage, actor } = node;
  const drive = await salvage.drives.create(actor, { name: 'bench-memory', origin: 'pds' });
  const folderId = (await salvage.entries.createFolder(actor, { driveId: drive.id, parentId: 'root', name: 'big' })).entry.id;
  await node.close();
  const seed = seedSubtree({
    file: node.databaseFile,
    driveId: drive.id,
    parentId: folderId,
    entries: Number(entries),
    idPrefix: 'm',
    createdBy: actor.userId,
  });
  process.stdout.write(`${JSON.stringify({ driveId: drive.id, folderId, databaseFile: node.databaseFile, seed })}\n`);
}

await main();
