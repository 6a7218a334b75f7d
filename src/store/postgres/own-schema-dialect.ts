import {
  type DatabaseIntrospector,
  type DatabaseMetadata,
  type Kysely,
  PostgresDialect,
  type SchemaMetadata,
  sql,
  type TableMetadata,
} from 'kysely';

/**
 * PostgreSQL as Kysely speaks it, except that introspection sees only the connection's own
 * schema. Kysely's migrator introspects to find its own tables, and the stock introspector
 * reads every column of every schema in the database through functions
 * (`pg_get_serial_sequence`, `has_schema_privilege`) that fail when another schema's table
 * is dropped while they run: "schema ... does not exist", "column ... of relation ... does
 * not exist" (both seen in CI, where every test drops its schema at the end; the same
 * would happen beside any other application's schema). Salvage never needs more than its
 * own tables' names.
 */
export class OwnSchemaPostgresDialect extends PostgresDialect {
  override createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new OwnSchemaIntrospector(db);
  }
}

class OwnSchemaIntrospector implements DatabaseIntrospector {
  constructor(private readonly db: Kysely<unknown>) {}

  async getSchemas(): Promise<SchemaMetadata[]> {
    const { rows } = await sql<{ name: string }>`select nspname as name from pg_catalog.pg_namespace`.execute(this.db);
    return rows;
  }

  /** Tables and views of the current schema, by name; their columns are left out. */
  async getTables(): Promise<TableMetadata[]> {
    const { rows } = await sql<{ schema: string; name: string; type: string }>`
      select table_schema as schema, table_name as name, table_type as type
      from information_schema.tables where table_schema = current_schema()`.execute(this.db);
    return rows.map((t) => ({ schema: t.schema, name: t.name, isView: t.type === 'VIEW', columns: [] }));
  }

  async getMetadata(): Promise<DatabaseMetadata> {
    return { tables: await this.getTables() };
  }
}
