import BetterSqlite3 from 'better-sqlite3';
import { Kysely, type MigrationProvider, Migrator, sql, SqliteDialect } from 'kysely';
import pg from 'pg';
import { OwnSchemaPostgresDialect } from '../../../src/store/postgres/own-schema-dialect.js';
import type { TestDatabase } from '../../support/databases.js';

/** A bare connection to a test database, with no migration run: what the migrations see. */
export function connect(database: TestDatabase, url: string): Kysely<unknown> {
  if (database === 'sqlite') return new Kysely({ dialect: new SqliteDialect({ database: new BetterSqlite3(url) }) });
  return new Kysely({ dialect: new OwnSchemaPostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 2 }) }) });
}

/**
 * Runs `provider`'s migrations up to `to` (all by default) as the store does: Kysely's
 * Migrator, its tables in the connection's own schema on PostgreSQL.
 */
export async function migrate(db: Kysely<unknown>, database: TestDatabase, provider: MigrationProvider, to?: string): Promise<void> {
  const migrationTableSchema =
    database === 'postgres' ? (await sql<{ s: string }>`select current_schema() as s`.execute(db)).rows[0]!.s : undefined;
  const migrator = new Migrator({ db, provider, migrationTableSchema });
  const { error } = await (to ? migrator.migrateTo(to) : migrator.migrateToLatest());
  if (error) throw error;
}

const squash = (text: string) =>
  text
    .replace(/"/g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([(),])\s*/g, '$1')
    .trim()
    .toLowerCase();

/**
 * Everything about the schema that queries and constraints can tell apart, leaving out
 * Kysely's own tables: per column its declared type, nullability, default, collation and
 * key; per index its columns, uniqueness and predicate; foreign keys. Two databases with
 * equal descriptions behave the same. (SQLite keeps each CREATE TABLE as written, so the
 * order of `not null` and `default` in it is left out: it changes nothing.)
 */
export async function describeSchema(db: Kysely<unknown>, database: TestDatabase): Promise<unknown> {
  return database === 'sqlite' ? describeSqlite(db) : describePostgres(db);
}

async function describeSqlite(db: Kysely<unknown>) {
  const objects = await sql<{ type: string; name: string; tbl_name: string; sql: string | null }>`
    select type, name, tbl_name, sql from sqlite_master where name not like 'kysely_%' order by type, name`.execute(db);
  const tables: Record<string, unknown> = {};
  for (const t of objects.rows.filter((o) => o.type === 'table')) {
    const columns = await sql`select * from pragma_table_xinfo(${t.name}) order by cid`.execute(db);
    const foreignKeys = await sql`select "table", "from", "to", on_update, on_delete from pragma_foreign_key_list(${t.name})`.execute(db);
    const indexes = await sql<{ name: string; unique: number; origin: string; partial: number }>`
      select name, "unique", origin, partial from pragma_index_list(${t.name}) order by name`.execute(db);
    const described = [];
    for (const index of indexes.rows) {
      const keys = await sql`select seqno, name, "desc", coll, key from pragma_index_xinfo(${index.name}) order by seqno`.execute(db);
      const text = objects.rows.find((o) => o.name === index.name)?.sql;
      described.push({ ...index, keys: keys.rows, sql: text && squash(text) });
    }
    tables[t.name] = {
      columns: columns.rows,
      foreignKeys: foreignKeys.rows,
      indexes: described,
      autoincrement: /\bautoincrement\b/i.test(t.sql ?? ''),
    };
  }
  return { objects: objects.rows.map((o) => `${o.type} ${o.name} on ${o.tbl_name}`), tables };
}

async function describePostgres(db: Kysely<unknown>) {
  const columns = await sql`
    select table_name, column_name, ordinal_position, data_type, is_nullable, column_default,
           collation_name, is_identity, identity_generation, identity_start, identity_increment
    from information_schema.columns
    where table_schema = current_schema() and table_name not like 'kysely_%'
    order by table_name, ordinal_position`.execute(db);
  const indexes = await sql<{ tablename: string; indexname: string; indexdef: string }>`
    select tablename, indexname, indexdef from pg_indexes
    where schemaname = current_schema() and tablename not like 'kysely_%' order by indexname`.execute(db);
  const constraints = await sql`
    select conrelid::regclass::text as on_table, conname, contype, pg_get_constraintdef(oid) as def
    from pg_constraint
    where connamespace = current_schema()::regnamespace and conrelid::regclass::text not like 'kysely_%'
    order by conname`.execute(db);
  const sequences = await sql`
    select sequence_name, data_type, start_value, increment from information_schema.sequences
    where sequence_schema = current_schema() order by sequence_name`.execute(db);
  return {
    columns: columns.rows,
    // pg_indexes names the schema in every definition; each test has its own.
    indexes: indexes.rows.map((i) => ({ ...i, indexdef: i.indexdef.replace(/ ON [a-z0-9_]+\./, ' ON ') })),
    constraints: constraints.rows,
    sequences: sequences.rows,
  };
}
