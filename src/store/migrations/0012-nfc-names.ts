import type { Kysely } from 'kysely';
import { autoRenameTag, suffixedName } from '../../core/names.js';

interface Row {
  drive_id: string;
  id: string;
  parent_id: string | null;
  name: string;
  type: 'file' | 'folder';
  trashed_at: unknown;
}

/**
 * Names are kept in NFC from now on (core/names.ts), so the uniqueness rule compares NFC:
 * an entry stored earlier with another form takes its NFC form. If a live sibling already
 * holds that name (`é` stored twice, once decomposed), the later one is auto-renamed as
 * PDS would (`café(1).txt`), so nothing is lost and no two siblings look alike.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const typed = db as unknown as Kysely<{ entries: Row }>;
  const rows = await typed.selectFrom('entries').select(['drive_id', 'id', 'parent_id', 'name', 'type', 'trashed_at']).execute();
  const changed = rows.filter((r) => r.name !== r.name.normalize('NFC'));
  if (changed.length === 0) return;
  // The live namespace of each folder, as the unique index entries_live_name has it.
  const key = (r: Pick<Row, 'drive_id' | 'parent_id'>, name: string) => JSON.stringify([r.drive_id, r.parent_id, name]);
  const taken = new Set(rows.filter((r) => r.trashed_at === null).map((r) => key(r, r.name)));
  for (const r of changed) {
    const nfc = r.name.normalize('NFC');
    let name = nfc;
    if (r.trashed_at === null) {
      taken.delete(key(r, r.name));
      for (let n = 1; taken.has(key(r, name)); n++) name = suffixedName({ name: nfc, type: r.type }, n, autoRenameTag);
      taken.add(key(r, name));
    }
    await typed.updateTable('entries').set({ name }).where('drive_id', '=', r.drive_id).where('id', '=', r.id).execute();
  }
}
