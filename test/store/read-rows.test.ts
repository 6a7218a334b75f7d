import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/store.js';
import { type ScratchStore, scratchStore } from '../support/scratch-store.js';

/**
 * SQLite's reads build their row objects from raw arrays (split-driver.ts): they must be
 * what better-sqlite3 itself made, whatever the columns are called.
 */
describe('rows read on SQLite', () => {
  let scratch: ScratchStore;
  let store: Store;
  beforeAll(async () => {
    scratch = await scratchStore('sqlite', 'salvage-read-rows-');
    store = await scratch.open();
  });
  afterAll(async () => {
    await store?.close();
    await scratch?.remove();
  });

  const read = async (query: string) => (await sql.raw<Record<string, unknown>>(query).execute(store.db)).rows;

  it('name each value by its column, with every SQLite type', async () => {
    const [row] = await read(`select 1 as n, 1.5 as x, 'a"b''c' as s, null as z, x'00ff' as b, 'q' as "odd ""name"" here"`);
    expect(row).toEqual({ n: 1, x: 1.5, s: `a"b'c`, z: null, b: Buffer.from([0, 255]), 'odd "name" here': 'q' });
  });

  it('keep the last value of a name that appears twice, as better-sqlite3 does', async () => {
    expect(await read(`select 1 as a, 2 as a`)).toEqual([{ a: 2 }]);
  });

  it('make a column called __proto__ a field of its own, never the prototype', async () => {
    // In an object literal (and in better-sqlite3's own objects) a null there takes the prototype away.
    const [row] = await read(`select null as "__proto__", 2 as "constructor"`);
    expect(Object.getPrototypeOf(row)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(row, '__proto__')?.value).toBe(null);
    expect(row!.constructor).toBe(2);
  });

  it('are fresh objects on every read of the same statement', async () => {
    const first = await read(`select 7 as n`);
    first[0]!.n = 8;
    expect(await read(`select 7 as n`)).toEqual([{ n: 7 }]);
  });
});
