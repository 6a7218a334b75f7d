import { type Kysely, sql } from 'kysely';
import type { SchemaDialect } from './column-types.js';

/**
 * A name index over the entries inside trashed folders (issue 14 item 1), for the bin's
 * search with `include_descendants`. 0016 indexed bin items only, so a name substring
 * rare in the bin had to walk every bin item and the rows marked inside it, holder by
 * holder: 60 to 145 s at 10,000 bin items on SQLite. With the rows the background marking
 * has reached (`binned_under` set, 0008) in a trigram index too, the search reads the few
 * matches, joins each to the bin item its mark names, and sorts only those.
 *
 * The marking pays for it: each marked row is one more trigram index entry (marking a
 * 20,000-entry folder, bench/search.bench.ts's benchSearchMarking, one run under load:
 * SQLite 1.45 s before, 2.0 s after; PostgreSQL 1.8 s, 3.2 s). Bin items keep
 * their own index (0016), so a search of bin items alone is not slowed, or pushed off its
 * index, by the contents of a big trashed folder.
 */
export async function up(db: Kysely<unknown>, dialect: SchemaDialect): Promise<void> {
  if (dialect === 'postgres') await postgresHeldNames(db);
  else await sqliteHeldNames(db);
}

/**
 * One partial index over every row a descendants search may return, bin items and marked
 * rows alike: its predicate is the search's own condition, so the planner can use it
 * without proving an OR of two partial indexes. pg_trgm is there already (0016).
 */
async function postgresHeldNames(db: Kysely<unknown>): Promise<void> {
  const { rows } = await sql<{ schema: string }>`select n.nspname as schema from pg_extension e
    join pg_namespace n on n.oid = e.extnamespace where e.extname = 'pg_trgm'`.execute(db);
  const schema = rows[0]?.schema ?? 'public';
  // fastupdate off, as 0016's index: the marking writes rows in batches a search must see at once.
  await sql`create index entries_held_name_trgm on entries using gin (lower(name) ${sql.id(schema, 'gin_trgm_ops')})
    with (fastupdate = off) where trashed_at is not null or binned_under is not null`.execute(db);
}

/**
 * SQLite: a second FTS5 trigram table, `held_names`, keyed as `bin_names` is (0016) by
 * `held_name_keys`, holding the names of marked rows. Triggers keep it in step with the
 * marking, unmarking, renames and purges; a descendants search reads both tables.
 */
async function sqliteHeldNames(db: Kysely<unknown>): Promise<void> {
  const held = (row: 'new' | 'old') => sql.raw(`(${row}.binned_under is not null)`);
  const forget = (row: 'old') => sql.raw(`
      delete from held_names where rowid = (select rowid from held_name_keys where drive_id = ${row}.drive_id and id = ${row}.id);
      delete from held_name_keys where drive_id = ${row}.drive_id and id = ${row}.id;`);
  const statements = [
    sql`create table held_name_keys (rowid integer primary key, drive_id text not null, id text not null)`,
    sql`create unique index held_name_keys_entry on held_name_keys (drive_id, id)`,
    sql`create virtual table held_names using fts5(name, tokenize = 'trigram')`,
    sql`create trigger held_names_insert after insert on entries when ${held('new')} begin
      insert into held_name_keys (drive_id, id) values (new.drive_id, new.id);
      insert into held_names (rowid, name) select rowid, new.name from held_name_keys where drive_id = new.drive_id and id = new.id;
    end`,
    sql`create trigger held_names_delete after delete on entries when ${held('old')} begin ${forget('old')} end`,
    // Marking sets binned_under (null to a root), unmarking clears it; a root to another
    // root keeps the row indexed as it is.
    sql`create trigger held_names_update after update of name, binned_under on entries
      when (${held('old')} or ${held('new')}) and (old.name is not new.name or ${held('old')} <> ${held('new')}) begin
      ${forget('old')}
      insert into held_name_keys (drive_id, id) select new.drive_id, new.id where ${held('new')};
      insert into held_names (rowid, name) select rowid, new.name from held_name_keys where drive_id = new.drive_id and id = new.id;
    end`,
    sql`insert into held_name_keys (drive_id, id) select drive_id, id from entries where binned_under is not null`,
    sql`insert into held_names (rowid, name) select k.rowid, e.name from held_name_keys k join entries e on e.drive_id = k.drive_id and e.id = k.id`,
  ];
  for (const statement of statements) await statement.execute(db);
}
