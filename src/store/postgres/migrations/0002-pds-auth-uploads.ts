import { sql, type Kysely } from 'kysely';

/**
 * PDS, for PostgreSQL: the same tables as SQLite's 0002 (see there), numbers bigint.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const statements = [
    sql`create table auth_tokens (
      token_hash text primary key,
      kind text not null,
      user_id text not null references users(id),
      family text not null,
      expires_at bigint not null,
      used_at bigint,
      created_at bigint not null
    )`,
    // A replayed refresh token revokes its whole family; housekeeping drops expired rows.
    sql`create index auth_tokens_family on auth_tokens(family)`,
    sql`create index auth_tokens_expiry on auth_tokens(expires_at)`,
    sql`create table sessions (
      session_hash text primary key,
      user_id text not null references users(id),
      expires_at bigint not null,
      created_at bigint not null
    )`,
    sql`create index sessions_expiry on sessions(expires_at)`,
    sql`create table uploads (
      id text primary key,
      drive_id text not null,
      file_id text not null,
      user_id text not null,
      declared_size bigint,
      state text not null,
      blob_id text,
      size bigint,
      content_hash text,
      expires_at bigint not null,
      created_at bigint not null,
      updated_at bigint not null
    )`,
    sql`create index uploads_by_file on uploads(drive_id, file_id)`,
    // Housekeeping finds abandoned uploads by age without scanning finished ones twice.
    sql`create index uploads_expiry on uploads(expires_at)`,
  ];
  for (const statement of statements) await statement.execute(db);
}
