import { sql, type ColumnDataType, type ColumnDefinitionBuilder, type Expression } from 'kysely';

/** The databases Salvage's one schema is written for. */
export type SchemaDialect = 'sqlite' | 'postgres';

/**
 * Where the two databases' column types differ; every other column is declared the same
 * on both. Flags are 0/1 `integer` on both (not boolean), and small counts (attempts, part
 * numbers) are `integer` on both, so one set of queries serves both databases.
 */
export interface ColumnTypes {
  /**
   * Times in milliseconds, sizes in bytes and counts that exceed int4: PostgreSQL needs
   * bigint; SQLite's integer is already 64-bit, and stays spelled `integer` so the schema
   * reads the same as in databases created before the migrations were shared.
   */
  int64: 'integer' | 'bigint';
  /**
   * Names, ordered byte-wise so keyset pages by name agree across databases: SQLite's
   * default BINARY collation already is; PostgreSQL needs collation "C".
   */
  bytewiseText: ColumnDataType | Expression<unknown>;
  /** A row id the database assigns, increasing and never reused. */
  identity: (col: ColumnDefinitionBuilder) => ColumnDefinitionBuilder;
}

export const columnTypes: Record<SchemaDialect, ColumnTypes> = {
  sqlite: {
    int64: 'integer',
    bytewiseText: 'text',
    // An alias of the rowid; autoincrement so a deleted job's id never comes back.
    identity: (col) => col.primaryKey().autoIncrement(),
  },
  postgres: {
    int64: 'bigint',
    bytewiseText: sql`text collate "C"`,
    identity: (col) => col.generatedByDefaultAsIdentity().primaryKey(),
  },
};
