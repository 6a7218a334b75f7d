/** What a `Range` header asks of a file of `size` bytes. */
export type RangeRequest =
  | { kind: 'whole' }
  | { kind: 'part'; start: number; end: number }
  | { kind: 'unsatisfiable' };

const SINGLE = /^bytes=(\d*)-(\d*)$/;

/**
 * One byte range (RFC 9110 section 14): `bytes=a-b`, `bytes=a-` or the suffix `bytes=-n`.
 * A range of another unit, or several ranges, is ignored and the whole file served (the
 * RFC allows that); a malformed bytes range, or one that starts past the end, is 416.
 */
export function parseRange(header: string | undefined, size: number): RangeRequest {
  if (header === undefined) return { kind: 'whole' };
  const value = header.replace(/\s+/g, '');
  if (!/^bytes=/i.test(value) || value.includes(',')) return { kind: 'whole' };
  const m = SINGLE.exec(value.replace(/^bytes=/i, 'bytes='));
  if (!m) return { kind: 'unsatisfiable' };
  const [, first = '', last = ''] = m;
  if (first === '' && last === '') return { kind: 'unsatisfiable' };
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'part', start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (start >= size || end < start) return { kind: 'unsatisfiable' };
  return { kind: 'part', start, end };
}
