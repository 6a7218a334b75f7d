import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { iso } from '../../src/api/pds/render/time.js';

// PDS times are written without a Date (render/time.ts); they must be exactly toISOString's.
describe('PDS times', () => {
  it('are toISOString to the millisecond, at any instant', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: 0, max: 253_402_300_799_999 }), fc.integer({ min: -8.64e15, max: 8.64e15 })), (ms) => {
        expect(iso(ms)).toBe(new Date(ms).toISOString());
      }),
      { numRuns: 20_000 },
    );
  });

  it('are right at the edges: epoch, leap days, year ends, the last four-digit year', () => {
    for (const at of ['1970-01-01T00:00:00.000Z', '2000-02-29T23:59:59.999Z', '2024-02-29T12:00:00.001Z', '2100-03-01T00:00:00.000Z', '1999-12-31T23:59:59.999Z', '9999-12-31T23:59:59.999Z', '+010000-01-01T00:00:00.000Z']) {
      expect(iso(Date.parse(at))).toBe(at);
    }
    expect(iso(1.5)).toBe(new Date(1.5).toISOString());
  });
});
