import { sql } from 'kysely';
import type { Drive, MemberRole } from '../../core/types.js';
import type { DriveRow } from '../schema.js';
import { preparedQuery } from '../prepared-query.js';
import type { Db } from '../store.js';
import { type Caller, type CallerColumns, callerOfToken, toCaller } from './caller.repository.js';
import { DRIVE_COLUMNS } from './columns.js';
import { asMemberRole } from './drive-members.repository.js';
import { toDrive } from './drives.repository.js';
import { CHAIN_WITH_ENTRY_COLUMNS, type ChainWithEntry, toChainWithEntry, withChain } from './entries.repository.js';

/** The drive's columns, renamed `drv_*` so they do not collide with the entry's. */

/**
 * `file/get` in one statement: the caller behind the token, the drive with their member
 * role, and the entry's ancestor chain with the entry and its actors' names (the columns
 * of chainWithEntry). One row per link of the chain; one row without a link if there is
 * no such entry; none if the token names no enabled user.
 */
const entryForCallerOf = preparedQuery((db, $: { hash: string; driveId: string; id: string }) =>
  withChain(db, $)
    .selectFrom(callerOfToken(db, $.hash).as('caller'))
    .leftJoin('drives', (join) => join.on('drives.id', '=', $.driveId))
    .leftJoin('drive_members', (join) => join.onRef('drive_members.drive_id', '=', 'drives.id').onRef('drive_members.user_id', '=', 'caller.caller_id'))
    .leftJoin('chain', (join) => join.onTrue())
    .leftJoin('entries', (join) => join.onRef('entries.id', '=', 'chain.id').on('entries.drive_id', '=', $.driveId).on('chain.depth', '=', 0))
    .leftJoin('users as created_by_user', 'created_by_user.id', 'entries.created_by')
    .leftJoin('users as modified_by_user', 'modified_by_user.id', 'entries.modified_by')
    .leftJoin('users as trashed_by_user', 'trashed_by_user.id', 'entries.trashed_by')
    .select(['caller.caller_id', 'caller.caller_is_admin', 'caller.caller_expires_at', 'drive_members.role as member_role'])
    .select(DRIVE_COLUMNS.map((c) => sql.ref(`drives.${c}`).as(`drv_${c}`)))
    .select(CHAIN_WITH_ENTRY_COLUMNS)
    .orderBy('chain.depth'),
);

/** What one `file/get` reads: who the caller is, the drive they named, and the entry. */
export interface EntryForCaller extends ChainWithEntry {
  caller: Caller;
  drive?: { drive: Drive; memberRole: MemberRole | undefined };
}

/**
 * The access token's caller, the drive with their member role on it, and the entry's
 * chain with the entry and its actors' names, in one statement (see caller.repository.ts);
 * undefined when the token names no enabled user. The chain is read even for a drive the
 * caller may not see; the core decides before it uses any of it.
 */
export async function findEntryForCaller(db: Db, input: { hash: string; driveId: string; id: string }): Promise<EntryForCaller | undefined> {
  const rows = await entryForCallerOf(db, input);
  const first = rows[0] as (CallerColumns & { member_role: string | null } & Record<`drv_${(typeof DRIVE_COLUMNS)[number]}`, unknown>) | undefined;
  if (!first) return undefined;
  const caller = toCaller(first);
  const found = toChainWithEntry(rows);
  if (first.drv_id === null) return { caller, ...found };
  const driveRow = Object.fromEntries(DRIVE_COLUMNS.map((c) => [c, first[`drv_${c}`]])) as unknown as DriveRow;
  return { caller, drive: { drive: toDrive(driveRow), memberRole: first.member_role === null ? undefined : asMemberRole(first.member_role) }, ...found };
}
