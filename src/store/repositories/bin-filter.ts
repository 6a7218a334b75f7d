/** A comparison of the bin's range fields. */
export type Comparison = '<' | '<=' | '>' | '>=' | '=';

/**
 * What the bin's search looks for: the conditions of a live search (by name, parent, type)
 * plus those only a bin item has. Times are milliseconds, sizes bytes.
 */
export type BinFilter =
  | { kind: 'nameContains'; value: string }
  | { kind: 'nameEquals'; value: string }
  | { kind: 'parent'; value: string }
  | { kind: 'type'; value: 'file' | 'folder' }
  | { kind: 'trashedAt'; op: Exclude<Comparison, '='>; value: number }
  | { kind: 'trashedBy'; value: string }
  /**
   * Deleted from folder `value`; with `under`, also from any folder whose path starts
   * with it (the folder's path and a slash), by the original path each item recorded.
   */
  | { kind: 'origParent'; value: string; under?: string }
  | { kind: 'size'; op: Comparison; value: number }
  /** A file whose name ends in "." and this (holding no dot), ignoring ASCII case. */
  | { kind: 'extension'; value: string }
  /** Removed by one trash call (0019): restore_all's undo of a deletion. */
  | { kind: 'deletionEvent'; value: string }
  | { kind: 'and'; items: BinFilter[] }
  | { kind: 'or'; items: BinFilter[] };

/** Calls `fn` on every condition of `f`. */
export function eachCondition(f: BinFilter, fn: (c: Exclude<BinFilter, { kind: 'and' | 'or' }>) => void): void {
  if (f.kind === 'and' || f.kind === 'or') for (const i of f.items) eachCondition(i, fn);
  else fn(f);
}

/** `f` with every condition passed through `fn` (and/or kept as they are). */
export async function mapConditions(
  f: BinFilter,
  fn: (c: Exclude<BinFilter, { kind: 'and' | 'or' }>) => Promise<BinFilter>,
): Promise<BinFilter> {
  if (f.kind === 'and' || f.kind === 'or') return { kind: f.kind, items: await Promise.all(f.items.map((i) => mapConditions(i, fn))) };
  return fn(f);
}

/**
 * A substring every match must contain, if the filter requires one: the name substring
 * or extension of a condition that is the filter or one of its top-level `and` items.
 * The trigram index narrows to rows holding it; the filter still decides each row.
 */
export function requiredSubstring(f: BinFilter): string | undefined {
  const of = (c: BinFilter) => (c.kind === 'nameContains' ? c.value : c.kind === 'extension' ? `.${c.value}` : undefined);
  const candidates = f.kind === 'and' ? f.items.map(of) : [of(f)];
  // The longest has the rarest trigrams, most likely.
  return candidates.filter((s): s is string => s !== undefined).sort((a, b) => [...b].length - [...a].length)[0];
}

/** The size conditions every match must meet: the filter's own, or its top-level `and` items'. */
export function requiredSizes(f: BinFilter): Extract<BinFilter, { kind: 'size' }>[] {
  const items = f.kind === 'and' ? f.items : [f];
  return items.filter((c): c is Extract<BinFilter, { kind: 'size' }> => c.kind === 'size');
}
