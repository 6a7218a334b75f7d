import type { Db } from '../store.js';

export interface DeadProperty {
  ns: string;
  name: string;
  xml: string;
}

/** An entry's dead properties, or those of several entries at once (a PROPFIND page). */
export async function deadPropertiesOf(db: Db, driveId: string, entryIds: readonly string[]): Promise<Map<string, DeadProperty[]>> {
  const out = new Map<string, DeadProperty[]>();
  if (entryIds.length === 0) return out;
  const rows = await db
    .selectFrom('dead_properties')
    .select(['entry_id', 'ns', 'name', 'xml'])
    .where('drive_id', '=', driveId)
    .where('entry_id', 'in', [...entryIds])
    .orderBy('entry_id')
    .orderBy('ns')
    .orderBy('name')
    .execute();
  for (const r of rows) {
    const list = out.get(r.entry_id) ?? [];
    list.push({ ns: r.ns, name: r.name, xml: r.xml });
    out.set(r.entry_id, list);
  }
  return out;
}

export async function putDeadProperty(db: Db, driveId: string, entryId: string, p: DeadProperty): Promise<void> {
  await db
    .insertInto('dead_properties')
    .values({ drive_id: driveId, entry_id: entryId, ns: p.ns, name: p.name, xml: p.xml })
    .onConflict((oc) => oc.columns(['drive_id', 'entry_id', 'ns', 'name']).doUpdateSet({ xml: p.xml }))
    .execute();
}

export async function removeDeadProperty(db: Db, driveId: string, entryId: string, p: { ns: string; name: string }): Promise<void> {
  await db
    .deleteFrom('dead_properties')
    .where('drive_id', '=', driveId)
    .where('entry_id', '=', entryId)
    .where('ns', '=', p.ns)
    .where('name', '=', p.name)
    .execute();
}

/** A copy carries its source's dead properties. */
export async function copyDeadProperties(db: Db, driveId: string, fromId: string, toId: string): Promise<void> {
  const props = (await deadPropertiesOf(db, driveId, [fromId])).get(fromId) ?? [];
  for (const p of props) await putDeadProperty(db, driveId, toId, p);
}
