import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatSkipBlock, type SkipRecord } from './skips.js';

/**
 * Runs once around the whole test run, in vitest's main process. Workers inherit the
 * environment it sets, so every suite records its skips in one file; the teardown runs
 * after vitest's summary and prints them as one block (see skips.ts).
 */
export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'salvage-skips-'));
  const file = join(dir, 'skips.jsonl');
  process.env.SALVAGE_TEST_SKIPS_FILE = file;
  return () => {
    let text = '';
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      // No suite skipped anything: the file was never written.
    }
    rmSync(dir, { recursive: true, force: true });
    const records = text
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l) as SkipRecord);
    process.stdout.write(formatSkipBlock(records));
  };
}
