import type { Expression, ExpressionBuilder, OperandValueExpressionOrList, ReferenceExpression, SqlBool } from 'kysely';

/**
 * The rows after a keyset position (sort key, then id as the tie-break), going
 * `direction`: `key > k or (key = k and id > i)` ascending, with `<` descending. Every
 * paged listing uses this, so a page costs the same however deep into a listing it is.
 */
export function keysetAfter<DB, TB extends keyof DB, K extends ReferenceExpression<DB, TB>, I extends ReferenceExpression<DB, TB>>(
  eb: ExpressionBuilder<DB, TB>,
  key: K,
  id: I,
  at: { key: OperandValueExpressionOrList<DB, TB, K>; id: OperandValueExpressionOrList<DB, TB, I> },
  direction: 'asc' | 'desc',
): Expression<SqlBool> {
  const cmp = direction === 'asc' ? '>' : '<';
  return eb.or([eb(key, cmp, at.key), eb.and([eb(key, '=', at.key), eb(id, cmp, at.id)])]);
}
