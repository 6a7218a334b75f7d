import { Readable } from 'node:stream';
import { ROOT_ID } from '../../core/ids.js';
import type { Salvage } from '../../core/salvage.js';
import type { Actor, User } from '../../core/types.js';
import { SeedError, type SeedEntry, type SeedFile } from './seed-file.js';

export interface SeedSummary {
  users: number;
  drives: number;
  entries: number;
  binItems: number;
}

/**
 * Loads a validated seed through the core operations a client would use (users, drives,
 * folders, files, trash), each as the drive's owner, so the state is one the server could
 * have reached by itself. A refusal names the seed entry it came from.
 */
export async function applySeed(salvage: Salvage, seed: SeedFile, file: string): Promise<SeedSummary> {
  const admin = (await salvage.users.all()).find((u) => u.name === 'admin');
  if (!admin) throw new SeedError('the admin user is missing; cannot load the seed');
  const adminActor = salvage.users.actorOf(admin);
  const byName = new Map<string, User>([['admin', admin]]);
  const summary: SeedSummary = { users: 0, drives: 0, entries: 0, binItems: 0 };
  const at = async <T>(where: string, step: () => Promise<T>): Promise<T> => {
    try {
      return await step();
    } catch (err) {
      throw new SeedError(`seed file ${file}: ${where}: ${err instanceof Error ? err.message : String(err)}`);
    }
  };

  for (const [i, u] of (seed.users ?? []).entries()) {
    const user = await at(`/users/${i} (${u.name})`, () =>
      salvage.users.add(adminActor, { name: u.name, role: u.role ?? 'user', password: u.password, nickName: u.nickName }),
    );
    byName.set(u.name, user);
    summary.users++;
  }

  for (const [i, d] of (seed.drives ?? []).entries()) {
    const where = `/drives/${i} (${d.name})`;
    const owner = byName.get(d.owner);
    if (!owner) throw new SeedError(`seed file ${file}: ${where}: owner '${d.owner}' is neither admin nor a user of the seed file`);
    const actor = salvage.users.actorOf(owner);
    const drive = await at(where, () => salvage.drives.create(adminActor, { name: d.name, ownerId: owner.id, totalSize: d.size, origin: 'pds' }));
    summary.drives++;
    if (d.recycleBin) {
      const bin = d.recycleBin;
      await at(`${where}/recycleBin`, () => salvage.bin.setSettings(actor, { driveId: drive.id, enabled: bin.enabled, reservedDays: bin.retentionDays }));
    }
    const toTrash: { fileId: string; where: string }[] = [];
    const make = async (entries: SeedEntry[], parentId: string, path: string): Promise<void> => {
      for (const [j, e] of entries.entries()) {
        const here = `${path}/${j} (${e.name})`;
        const made = e.children
          ? await at(here, () => salvage.entries.createFolder(actor, { driveId: drive.id, parentId, name: e.name, checkNameMode: 'refuse' }))
          : await at(here, () => {
              const bytes = e.contentBase64 !== undefined ? Buffer.from(e.contentBase64, 'base64') : Buffer.from(e.content ?? '', 'utf8');
              const content = Readable.from([bytes]);
              return salvage.entries.createFile(actor, { driveId: drive.id, parentId, name: e.name, content, size: bytes.length, contentType: e.contentType, checkNameMode: 'refuse' });
            });
        if (made.exist) throw new SeedError(`seed file ${file}: ${here}: the folder already has an entry named '${e.name}'`);
        const id = made.entry.id;
        summary.entries++;
        if (e.children) await make(e.children, id, `${here}/children`);
        if (e.trashed) toTrash.push({ fileId: id, where: here });
      }
    };
    await make(d.tree ?? [], ROOT_ID, `${where}/tree`);
    // Innermost first (the list is in that order): a trashed entry inside a trashed folder
    // is a bin item of its own, as if trashed before its folder; the other way round it
    // would already be in the bin.
    for (const t of toTrash) {
      await at(t.where, () => salvage.bin.trash(actor, { driveId: drive.id, fileId: t.fileId }));
      summary.binItems++;
    }
  }
  return summary;
}
