import { sql } from 'kysely';
import type { Drive, MemberRole } from '../../core/types.js';
import type { DriveRow, DrivesTable } from '../schema.js';
import { preparedQuery } from '../prepared-query.js';
import type { Db, DriveTx, StoreCapabilities } from '../store.js';
import { keysetAfter } from './keyset.js';
import { type Caller, callerOfToken, toCaller } from './caller.repository.js';
import { asMemberRole } from './drive-members.repository.js';
import { DRIVE_COLUMNS, qualified } from './columns.js';

export const toDrive = (r: DriveRow): Drive => ({
  id: r.id,
  name: r.name,
  ownerId: r.owner_id,
  description: r.description,
  totalSize: Number(r.total_size),
  usedSize: Number(r.used_size),
  binBytes: Number(r.bin_bytes),
  binEnabled: r.bin_enabled === 1,
  reservedDays: Number(r.reserved_days),
  binEnabledAt: r.bin_enabled_at === null ? null : Number(r.bin_enabled_at),
  binHiddenBefore: r.bin_hidden_before === null ? null : Number(r.bin_hidden_before),
  lock:
    r.lock_mode === 'governance' || r.lock_mode === 'compliance'
      ? { mode: r.lock_mode, minDays: Number(r.lock_min_days) }
      : null,
  origin: r.origin === 'nas' ? 'nas' : 'pds',
  fileSystemType: r.file_system_type,
  protocolType: r.protocol_type,
  storageType: r.storage_type,
  status: r.status,
  createdAt: Number(r.created_at),
  updatedAt: Number(r.updated_at),
});

/** A new drive row, in the transaction `Store.writeDrive` opened for its (new) id. */
export async function insertDrive(w: DriveTx, row: DrivesTable): Promise<void> {
  await w.tx.insertInto('drives').values({ ...row, id: w.driveId }).execute();
}

const driveById = preparedQuery((db, $: { id: string }) => db.selectFrom('drives').select(DRIVE_COLUMNS).where('id', '=', $.id));

export async function getDrive(db: Db, id: string): Promise<Drive | undefined> {
  const [row] = await driveById(db, { id });
  return row && toDrive(row);
}

const driveForCallerById = preparedQuery((db, $: { hash: string; id: string }) =>
  db
    .selectFrom(callerOfToken(db, $.hash).as('caller'))
    .leftJoin('drives', (join) => join.on('drives.id', '=', $.id))
    .leftJoin('drive_members', (join) => join.onRef('drive_members.drive_id', '=', 'drives.id').onRef('drive_members.user_id', '=', 'caller.caller_id'))
    .select(qualified('drives', DRIVE_COLUMNS))
    .select(['caller.caller_id', 'caller.caller_is_admin', 'caller.caller_expires_at', 'drive_members.role as member_role']),
);

/**
 * The access token's caller and, if there is such a drive, the drive with the caller's
 * member role on it, in one statement (see caller.repository.ts). Undefined when the token
 * names no enabled user.
 */
export async function findDriveForCaller(
  db: Db,
  input: { hash: string; id: string },
): Promise<{ caller: Caller; drive?: { drive: Drive; memberRole: MemberRole | undefined } } | undefined> {
  const [row] = await driveForCallerById(db, input);
  if (!row) return undefined;
  const caller = toCaller(row);
  if (row.id === null) return { caller };
  const { caller_id: _id, caller_is_admin: _admin, caller_expires_at: _expires, member_role, ...drive } = row;
  return { caller, drive: { drive: toDrive(drive as DriveRow), memberRole: member_role === null ? undefined : asMemberRole(member_role) } };
}

/**
 * Reads the drive and, where the database has row locks, holds it until the transaction
 * ends: every write to a drive is serialised per drive. SQLite's single writer already
 * serialises the whole transaction. Only `Store.writeDrive` calls this.
 */
export async function lockDrive(db: Db, caps: StoreCapabilities, id: string): Promise<Drive | undefined> {
  const [row] = await (caps.rowLocks ? driveForUpdate : driveById)(db, { id });
  return row && toDrive(row);
}

/** Every write transaction on PostgreSQL opens with it: prepared, as the lookups are. */
const driveForUpdate = preparedQuery((db, $: { id: string }) => db.selectFrom('drives').select(DRIVE_COLUMNS).where('id', '=', $.id).forUpdate());

export interface DriveListQuery {
  ownerId?: string;
  /**
   * Only drives this user owns or is a member of; undefined for all (admin). Never
   * optional: a listing that forgets it would show everyone's drives.
   */
  visibleTo: string | undefined;
  /** Only drives of these file system types (NAS `FileSystemType`); all when absent. */
  fileSystemTypes?: readonly string[];
  /** Only drives of this name. */
  name?: string;
  after?: { createdAt: number; id: string };
  limit: number;
  offset?: number;
}

/** A listed drive, with the role the listing's `visibleTo` user has on it as a member (null: none). */
export type ListedDrive = Drive & { memberRole: MemberRole | null };

/** The live drives a query matches: owner, visibility and type filters. */
function matching(db: Db, q: Omit<DriveListQuery, 'limit'>) {
  let query = db.selectFrom('drives').where('drives.status', '=', 'enabled');
  if (q.ownerId !== undefined) query = query.where('drives.owner_id', '=', q.ownerId);
  const user = q.visibleTo;
  if (user !== undefined) {
    // Two index lookups (drives by owner, members by user), not a scan: the OR is over
    // which drives, and the keyset below still orders and cuts.
    query = query.where((eb) =>
      eb.or([
        eb('drives.owner_id', '=', user),
        eb('drives.id', 'in', eb.selectFrom('drive_members').select('drive_members.drive_id').where('drive_members.user_id', '=', user)),
      ]),
    );
  }
  if (q.fileSystemTypes !== undefined) query = query.where('drives.file_system_type', 'in', [...q.fileSystemTypes]);
  if (q.name !== undefined) query = query.where('drives.name', '=', q.name);
  return query;
}

/** Live drives, oldest first; optional owner and visibility filters (admin lists all). */
export async function listDrives(db: Db, q: DriveListQuery): Promise<ListedDrive[]> {
  let query = matching(db, q)
    .selectAll('drives')
    .select((eb) =>
      eb
        .selectFrom('drive_members')
        .select('drive_members.role')
        .whereRef('drive_members.drive_id', '=', 'drives.id')
        .where('drive_members.user_id', '=', q.visibleTo ?? '')
        .as('member_role'),
    );
  if (q.after) {
    const { createdAt, id } = q.after;
    query = query.where((eb) => keysetAfter(eb, 'drives.created_at', 'drives.id', { key: createdAt, id }, 'asc'));
  }
  query = query.orderBy('drives.created_at').orderBy('drives.id').limit(q.limit);
  if (q.offset) query = query.offset(q.offset);
  const rows = await query.execute();
  return rows.map((r) => ({ ...toDrive(r), memberRole: r.member_role === null ? null : r.member_role === 'editor' ? 'editor' : 'viewer' }));
}

export async function countDrives(db: Db, q: Omit<DriveListQuery, 'limit' | 'offset' | 'after'>): Promise<number> {
  const row = await matching(db, q)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** How many live drives the owner has, leaving one out (their default drive). */
export async function countOwnDrives(db: Db, ownerId: string, exceptId: string | null): Promise<number> {
  let query = db
    .selectFrom('drives')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '=', 'enabled')
    .where('owner_id', '=', ownerId);
  if (exceptId !== null) query = query.where('id', '<>', exceptId);
  const row = await query.executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The ids and names of the owner's live drives, oldest first (at most `limit`). */
export async function ownDrives(db: Db, ownerId: string, limit: number): Promise<{ id: string; name: string }[]> {
  return db
    .selectFrom('drives')
    .select(['id', 'name'])
    .where('status', '=', 'enabled')
    .where('owner_id', '=', ownerId)
    .orderBy('created_at')
    .orderBy('id')
    .limit(limit)
    .execute();
}

export type DrivePatch = Partial<
  Pick<
    DrivesTable,
    | 'name'
    | 'description'
    | 'total_size'
    | 'bin_enabled'
    | 'reserved_days'
    | 'bin_enabled_at'
    | 'bin_hidden_before'
    | 'status'
    | 'updated_at'
    | 'owner_id'
    | 'lock_mode'
    | 'lock_min_days'
  >
>;

export async function updateDrive(w: DriveTx, patch: DrivePatch): Promise<void> {
  await w.tx.updateTable('drives').set(patch).where('id', '=', w.driveId).execute();
}

/** Moves the drive's byte counters: bytes used in all, bytes in the bin; may be negative. */
export async function adjustDriveBytes(w: DriveTx, delta: { used: number; bin: number }): Promise<void> {
  if (delta.used === 0 && delta.bin === 0) return;
  await w.tx
    .updateTable('drives')
    .set({
      used_size: sql`used_size + ${delta.used}`,
      bin_bytes: sql`bin_bytes + ${delta.bin}`,
    })
    .where('id', '=', w.driveId)
    .execute();
}

/**
 * Reserves `bytes` of the drive's quota: one conditional update, so two uploads racing
 * for the last free bytes cannot both win. Returns false when the quota would be exceeded.
 */
export async function reserveBytes(w: DriveTx, bytes: number): Promise<boolean> {
  const result = await w.tx
    .updateTable('drives')
    .set({ used_size: sql`used_size + ${bytes}` })
    .where('id', '=', w.driveId)
    .where((eb) => eb.or([eb('total_size', '<', 0), eb(eb('used_size', '+', bytes), '<=', eb.ref('total_size'))]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
