import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nameKey } from '../../src/core/entries/name-key.js';

type Token = { n: bigint } | { c: number };

/**
 * The natural order, written plainly as a comparator: the name in lower case, read as
 * characters and numbers (each run of ASCII digits is one number); numbers compare by
 * value and sit where digits do among characters; characters compare by code point.
 */
function tokens(name: string): Token[] {
  const out: Token[] = [];
  for (const part of name.toLowerCase().match(/[0-9]+|[^0-9]/gu) ?? []) {
    out.push(/^[0-9]/.test(part) ? { n: BigInt(part) } : { c: part.codePointAt(0)! });
  }
  return out;
}

const DIGITS = 0x30;
const place = (t: Token): number => ('n' in t ? DIGITS : t.c);

function naturalCompare(a: string, b: string): number {
  const [x, y] = [tokens(a), tokens(b)];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const [s, t] = [x[i]!, y[i]!];
    if ('n' in s && 'n' in t) {
      if (s.n !== t.n) return s.n < t.n ? -1 : 1;
    } else if (place(s) !== place(t)) {
      return place(s) < place(t) ? -1 : 1;
    }
  }
  return Math.sign(x.length - y.length);
}

/** How SQLite's BINARY and PostgreSQL's collate "C" compare: the UTF-8 bytes. */
const byteCompare = (a: string, b: string): number => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));

const digitRun = fc.tuple(fc.nat({ max: 3 }), fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 1, maxLength: 40 })).map(([zeros, d]) => '0'.repeat(zeros) + d);
const piece = fc.oneof(
  { weight: 4, arbitrary: digitRun },
  { weight: 4, arbitrary: fc.string({ unit: fc.constantFrom(...'aAbBfFzZ'), minLength: 1, maxLength: 3 }) },
  { weight: 2, arbitrary: fc.constantFrom('-', '.', ' ', '(', ')', '_', '~', 'é', 'É', 'ß', 'İ', 'Σ', 'ς', '١', '日本', '😀', '\u{10FFFF}') },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 4 }) },
);
const name = fc.array(piece, { minLength: 0, maxLength: 8 }).map((parts) => parts.join(''));

describe('nameKey', () => {
  it('sorts as people count', () => {
    const names = ['f10', 'F3', 'f2', 'f1', 'a-10', 'a-9', 'img007', 'img7', 'img8', 'x', 'x0', 'x00001', 'x99999999999999999999', 'x100000000000000000000'];
    const sorted = [...names].sort((a, b) => byteCompare(nameKey(a), nameKey(b)) || byteCompare(a, b));
    expect(sorted).toEqual(['a-9', 'a-10', 'f1', 'f2', 'F3', 'f10', 'img007', 'img7', 'img8', 'x', 'x0', 'x00001', 'x99999999999999999999', 'x100000000000000000000']);
  });

  it('orders keys byte-wise exactly as the natural comparator orders names', () => {
    fc.assert(
      fc.property(name, name, (a, b) => {
        expect(Math.sign(byteCompare(nameKey(a), nameKey(b)))).toBe(naturalCompare(a, b));
      }),
      { numRuns: 5000 },
    );
  });

  it('gives names one key when they differ only in the case of letters or in leading zeros', () => {
    fc.assert(
      fc.property(name, fc.nat({ max: 3 }), (n, zeros) => {
        const padded = n.replace(/[0-9]+/g, (run) => '0'.repeat(zeros) + run);
        const flipped = padded.replace(/[a-z]/gi, (c) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase()));
        expect(nameKey(flipped)).toBe(nameKey(n));
      }),
    );
  });

  it('orders digit-count codes across the one-digit boundary (8, 9 and 10 digits)', () => {
    const lengths = [1, 7, 8, 9, 10, 11, 99, 100, 1000];
    const keys = lengths.map((l) => nameKey(`a${'1'.repeat(l)}`));
    expect([...keys].sort(byteCompare)).toEqual(keys);
  });
});
