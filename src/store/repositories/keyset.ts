import { type Expression, type ExpressionBuilder, type StringReference, sql, type SqlBool } from 'kysely';

/**
 * The rows after a keyset position (sort key, then id as the tie-break), going
 * `direction`: the row value `(key, id) > (k, i)` ascending, `<` descending. Both SQLite
 * and PostgreSQL read a row-value comparison as one range on an index that starts with
 * (..., key, id), so a page costs the same however deep into a listing it is. The
 * spelled-out `key < k or (key = k and id < i)` is not: SQLite walked the index from the
 * first row to the marker (86 ms for a page 90% into a million-item bin, 2.8 ms at 1,000)
 * and PostgreSQL filtered 900,000 rows.
 */
export function keysetAfter<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  key: StringReference<DB, TB>,
  id: StringReference<DB, TB>,
  at: { key: string | number; id: string },
  direction: 'asc' | 'desc',
): Expression<SqlBool> {
  const cmp = direction === 'asc' ? sql`>` : sql`<`;
  return sql<SqlBool>`(${sql.ref(key as string)}, ${sql.ref(id as string)}) ${cmp} (${at.key}, ${at.id})`;
}
