import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The drive lock is held by construction: every repository function that writes a drive's
 * entries, bin, jobs or counters takes a `DriveTx`, which only `Store.writeDrive` makes
 * (after locking the drive). This reads the source to keep it that way.
 */
const src = fileURLToPath(new URL('../../src/', import.meta.url));
const filesUnder = (dir: string): string[] =>
  readdirSync(join(src, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => join(dir, f));

const DRIVE_TABLES = ['entries', 'jobs', 'drives', 'recycled_dirs'];
const WRITE = new RegExp(`\\.(updateTable|insertInto|deleteFrom)\\('(${DRIVE_TABLES.join('|')})'\\)`);

/** Writes that need no drive lock, and why. */
const EXEMPT: Record<string, string> = {
  claimNextJob: 'one statement that locks only the job row it claims and waits for nothing',
  expireAllLeases: 'runs at start on a single-process store, before any request or job',
  deleteFinishedJobsBefore: 'finished jobs are never written again',
};

/** Exported functions of a file with their parameter list and body. */
function functionsOf(text: string): { name: string; params: string; body: string }[] {
  const starts = [...text.matchAll(/export async function (\w+)(?:<[^>]*>)?\(([\s\S]*?)\)(?::[^{]*)?\{/g)];
  return starts.map((m, i) => ({
    name: m[1]!,
    params: m[2]!,
    body: text.slice(m.index! + m[0].length, starts[i + 1]?.index ?? text.length),
  }));
}

describe('drive lock by construction', () => {
  it('every repository write to a drive table takes a DriveTx first', () => {
    const offenders: string[] = [];
    for (const file of filesUnder('store/repositories')) {
      for (const fn of functionsOf(readFileSync(join(src, file), 'utf8'))) {
        if (!WRITE.test(fn.body) || Object.hasOwn(EXEMPT, fn.name)) continue;
        if (!/^\s*w: DriveTx\b/.test(fn.params)) offenders.push(`${file}: ${fn.name}(${fn.params.trim().split(',')[0]})`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('the core writes only through repositories, and opens drive writes only with writeDrive', () => {
    const offenders: string[] = [];
    for (const file of filesUnder('core')) {
      const text = readFileSync(join(src, file), 'utf8');
      if (WRITE.test(text)) offenders.push(`${file}: writes SQL itself`);
      if (/lockDrive\(/.test(text)) offenders.push(`${file}: locks a drive by hand`);
    }
    expect(offenders).toEqual([]);
  });
});
