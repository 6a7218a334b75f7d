import { type Kysely, sql } from 'kysely';
import type { SchemaDialect } from './column-types.js';

const trashRoot = sql.ref('trashed_at');

/**
 * Indexes for the bin's search (issue 14 item 1), so its first page costs about the same
 * at a million bin items as at a thousand, whatever it filters on:
 * - who deleted it and exact names, in trash-time order; sizes, for ranges and the size order;
 * - the original path, for "deleted from this folder or below" as one range (no walk);
 * - name substrings: a trigram index. PostgreSQL has pg_trgm's GIN operator class over
 *   lower(name); SQLite has an FTS5 table with the trigram tokenizer (`bin_names`), kept
 *   in step with entries by triggers, so no code path that trashes, restores, renames or
 *   purges can forget it. Both hold bin items only: with the rows marked inside them too,
 *   each 500-row batch of the background marking took 38 ms instead of 1.6 ms on SQLite
 *   (the write lock held all that time), and restores and purges paid the same.
 * Items deleted from one folder were indexed already (entries_bin_by_origin, 0001).
 */
export async function up(db: Kysely<unknown>, dialect: SchemaDialect): Promise<void> {
  const binIndexes = [
    ['entries_bin_by_deleter', ['drive_id', 'trashed_by', 'trashed_at', 'id']],
    // An exact name, newest trashed first, without a sort: SQLite otherwise walked entries_bin.
    ['entries_bin_by_exact_name', ['drive_id', 'name', 'trashed_at', 'id']],
    ['entries_bin_by_size', ['drive_id', 'size', 'id']],
    ['entries_bin_by_path', ['drive_id', 'orig_path', 'id']],
  ] as const;
  if (dialect === 'postgres') {
    // Prefix ranges on the path must compare bytes, as names do (column-types.ts); changing
    // only the collation does not rewrite the table.
    await sql`alter table entries alter column orig_path type text collate "C"`.execute(db);
  }
  for (const [name, columns] of binIndexes) {
    await db.schema.createIndex(name).on('entries').columns([...columns]).where(trashRoot, 'is not', null).execute();
  }
  // include_descendants: a bin item's own row and the rows marked inside it, by holder.
  await sql`create index entries_bin_holder on entries (drive_id, (coalesce(binned_under, id)), id)
    where trashed_at is not null or binned_under is not null`.execute(db);
  if (dialect === 'postgres') await postgresTrigrams(db);
  else await sqliteTrigrams(db);
}

/**
 * pg_trgm lives once per database, but every Salvage (and every test) has its own schema:
 * it is created in `public` if no schema has it yet, and its operator class is named by
 * the schema it is in. The advisory lock keeps two schemas migrating at once from both
 * creating it (the loser failed on pg_extension's unique index); it is held to the end of
 * the migration's transaction.
 */
async function postgresTrigrams(db: Kysely<unknown>): Promise<void> {
  const where = async () =>
    (await sql<{ schema: string }>`select n.nspname as schema from pg_extension e join pg_namespace n on n.oid = e.extnamespace where e.extname = 'pg_trgm'`.execute(db))
      .rows[0]?.schema;
  let schema = await where();
  if (schema === undefined) {
    await sql`select pg_advisory_xact_lock(hashtext('salvage:create extension pg_trgm'))`.execute(db);
    await sql`create extension if not exists pg_trgm with schema public`.execute(db);
    schema = (await where()) ?? 'public';
  }
  // fastupdate off: new rows go into the index at once, not into a pending list that every
  // search scans in full until a vacuum merges it (20,000 rows trashed just before made the
  // planner prefer a sequential scan, bench/bin-search.bench.ts). A trash writes one row.
  await sql`create index entries_bin_name_trgm on entries using gin (lower(name) ${sql.id(schema, 'gin_trgm_ops')})
    with (fastupdate = off) where trashed_at is not null`.execute(db);
  // The planner chooses between that index and walking the order's index by how many rows
  // it expects to match; a partial index gives it no statistics, so `%.pdf` (a fifth of
  // the bin) was guessed at 0.2% and read by the trigram index in full. Statistics on the
  // expression (PostgreSQL 14 and later) give it the real share: 3,636 guessed for 4,000.
  const { rows } = await sql<{ v: number }>`select current_setting('server_version_num')::int as v`.execute(db);
  if (Number(rows[0]?.v) >= 140000) await sql`create statistics entries_lower_name on (lower(name)) from entries`.execute(db);
}

/**
 * An FTS5 row's rowid is the key to delete it by, but entries has no stable integer key
 * (VACUUM may renumber an implicit rowid): `bin_name_keys` gives each indexed entry one.
 */
async function sqliteTrigrams(db: Kysely<unknown>): Promise<void> {
  const inBin = (row: 'new' | 'old') => sql.raw(`(${row}.trashed_at is not null)`);
  const statements = [
    sql`create table bin_name_keys (rowid integer primary key, drive_id text not null, id text not null)`,
    sql`create unique index bin_name_keys_entry on bin_name_keys (drive_id, id)`,
    sql`create virtual table bin_names using fts5(name, tokenize = 'trigram')`,
    sql`create trigger bin_names_insert after insert on entries when ${inBin('new')} begin
      insert into bin_name_keys (drive_id, id) values (new.drive_id, new.id);
      insert into bin_names (rowid, name) select rowid, new.name from bin_name_keys where drive_id = new.drive_id and id = new.id;
    end`,
    sql`create trigger bin_names_delete after delete on entries when ${inBin('old')} begin
      delete from bin_names where rowid = (select rowid from bin_name_keys where drive_id = old.drive_id and id = old.id);
      delete from bin_name_keys where drive_id = old.drive_id and id = old.id;
    end`,
    sql`create trigger bin_names_update after update of name, trashed_at on entries
      when (${inBin('old')} or ${inBin('new')}) and (old.name is not new.name or ${inBin('old')} <> ${inBin('new')}) begin
      delete from bin_names where rowid = (select rowid from bin_name_keys where drive_id = old.drive_id and id = old.id);
      delete from bin_name_keys where drive_id = old.drive_id and id = old.id;
      insert into bin_name_keys (drive_id, id) select new.drive_id, new.id where ${inBin('new')};
      insert into bin_names (rowid, name) select rowid, new.name from bin_name_keys where drive_id = new.drive_id and id = new.id;
    end`,
    sql`insert into bin_name_keys (drive_id, id) select drive_id, id from entries where trashed_at is not null`,
    sql`insert into bin_names (rowid, name) select k.rowid, e.name from bin_name_keys k join entries e on e.drive_id = k.drive_id and e.id = k.id`,
  ];
  for (const statement of statements) await statement.execute(db);
}
