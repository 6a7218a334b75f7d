import { describe, expect, it } from 'vitest';
import { parseRange } from '../../../src/api/pds/content/range.js';

describe('Range header', () => {
  it.each([
    [undefined, 10, { kind: 'whole' }],
    ['bytes=0-0', 10, { kind: 'part', start: 0, end: 0 }],
    ['bytes=2-', 10, { kind: 'part', start: 2, end: 9 }],
    ['bytes=-4', 10, { kind: 'part', start: 6, end: 9 }],
    ['bytes=-40', 10, { kind: 'part', start: 0, end: 9 }],
    ['bytes=5-500', 10, { kind: 'part', start: 5, end: 9 }],
    ['Bytes = 1 - 2', 10, { kind: 'part', start: 1, end: 2 }],
    ['bytes=0-1,3-4', 10, { kind: 'whole' }],
    ['lines=1-2', 10, { kind: 'whole' }],
    ['bytes=10-', 10, { kind: 'unsatisfiable' }],
    ['bytes=3-2', 10, { kind: 'unsatisfiable' }],
    ['bytes=-0', 10, { kind: 'unsatisfiable' }],
    ['bytes=-', 10, { kind: 'unsatisfiable' }],
    ['bytes=x-1', 10, { kind: 'unsatisfiable' }],
    ['bytes=0-', 0, { kind: 'unsatisfiable' }],
    ['bytes=-1', 0, { kind: 'unsatisfiable' }],
  ])('%j of %i bytes', (header, size, expected) => {
    expect(parseRange(header, size)).toEqual(expected);
  });
});
