import type { AuthTokensTable, DriveRow, JobRow } from '../schema.js';

/*
 * Every column of a table, for reads that map whole rows. The reads PostgreSQL keeps
 * prepared (prepared-query.ts) name their columns instead of `select *`: a prepared
 * statement must not change its result's shape, so a `*` prepared before a migration that
 * adds a column would fail on every connection that prepared it, on every node still
 * running; named columns keep old nodes working while a new one migrates.
 */

/** The list is `T`'s keys, every one of them: a column added to the table and not here fails to compile. */
type Every<Row, T extends readonly (keyof Row)[]> = Exclude<keyof Row, T[number]> extends never ? T : never;

const drive = ['id', 'name', 'owner_id', 'description', 'total_size', 'used_size', 'bin_bytes', 'bin_enabled', 'reserved_days', 'bin_enabled_at', 'bin_hidden_before', 'lock_mode', 'lock_min_days', 'origin', 'file_system_type', 'protocol_type', 'storage_type', 'status', 'created_at', 'updated_at'] as const;
export const DRIVE_COLUMNS: Every<DriveRow, typeof drive> = drive;

const job = ['id', 'drive_id', 'type', 'state', 'phase', 'cancel_requested', 'target_id', 'target_name', 'params', 'total', 'processed', 'failed', 'error_code', 'error_message', 'created_by', 'created_at', 'started_at', 'finished_at', 'updated_at', 'lease_owner', 'lease_expires_at', 'attempts'] as const;
export const JOB_COLUMNS: Every<JobRow, typeof job> = job;

const authToken = ['token_hash', 'kind', 'user_id', 'family', 'expires_at', 'used_at', 'created_at'] as const;
export const AUTH_TOKEN_COLUMNS: Every<AuthTokensTable, typeof authToken> = authToken;

/** `table.column` for each column, to select one table's columns in a join. */
export const qualified = <T extends string, C extends string>(table: T, columns: readonly C[]): `${T}.${C}`[] => columns.map((c) => `${table}.${c}` as const);
