import { Readable } from 'node:stream';
import type { Salvage } from '../../../src/core/salvage.js';
import type { Actor, Entry } from '../../../src/core/types.js';

export const bytes = (s: string): Readable => Readable.from([Buffer.from(s)]);

/** A drive with something everywhere: live folders and files, and a file and a folder in the bin. */
export interface Fixture {
  driveId: string;
  docs: Entry;
  sub: Entry;
  a: Entry;
  b: Entry;
  old: Entry;
  attic: Entry;
  atticFile: Entry;
}

/**
 * /docs/sub/c.txt, /docs/b.txt, /a.txt live; /old.txt and /attic (holding one file) in
 * the bin.
 */
export async function makeFixture(salvage: Salvage, me: Actor, options: { totalSize?: number; name?: string } = {}): Promise<Fixture> {
  const drive = await salvage.drives.create(me, { name: options.name ?? 'fixture', origin: 'pds', totalSize: options.totalSize });
  const driveId = drive.id;
  const folder = async (parentId: string, name: string) => (await salvage.entries.createFolder(me, { driveId, parentId, name })).entry;
  const file = async (parentId: string, name: string, content: string) =>
    (await salvage.entries.createFile(me, { driveId, parentId, name, content: bytes(content) })).entry;
  const docs = await folder('root', 'docs');
  const sub = await folder(docs.id, 'sub');
  await file(sub.id, 'c.txt', 'ccc');
  const b = await file(docs.id, 'b.txt', 'bb');
  const a = await file('root', 'a.txt', 'aaaaa');
  const old = await file('root', 'old.txt', 'old');
  const attic = await folder('root', 'attic');
  const atticFile = await file(attic.id, 'box.bin', 'box');
  await salvage.bin.trash(me, { driveId, fileId: old.id });
  await salvage.bin.trash(me, { driveId, fileId: attic.id });
  return { driveId, docs, sub, a, b, old, attic, atticFile };
}
