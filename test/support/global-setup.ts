import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatSkipBlock, type SkipRecord } from './skips.js';

/**
 * The checkout's state as git sees it, ignored files included (node_modules aside); ''
 * outside a git checkout. Tests write to temporary folders only, so it must not change.
 */
function treeState(): string {
  try {
    const status = execFileSync('git', ['status', '--porcelain', '--ignored'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    return status
      .split('\n')
      .filter((l) => l !== '' && l !== '!! node_modules/')
      .sort()
      .join('\n');
  } catch {
    return '';
  }
}

/** Entries of `after` that `before` did not have: what the run wrote (or someone edited meanwhile). */
function newEntries(before: string, after: string): string[] {
  const had = new Set(before.split('\n'));
  return after.split('\n').filter((l) => l !== '' && !had.has(l));
}

/**
 * Runs once around the whole test run, in vitest's main process. Workers inherit the
 * environment it sets, so every suite records its skips in one file; the teardown runs
 * after vitest's summary and prints them as one block (see skips.ts).
 */
export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'salvage-skips-'));
  const file = join(dir, 'skips.jsonl');
  process.env.SALVAGE_TEST_SKIPS_FILE = file;
  // The web UI, built once for the run by the first browser suite (test/ui/support/build-ui.ts).
  const ui = mkdtempSync(join(tmpdir(), 'salvage-ui-run-'));
  process.env.SALVAGE_TEST_UI_BUILD_DIR = ui;
  const before = treeState();
  return () => {
    let text = '';
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      // No suite skipped anything: the file was never written.
    }
    rmSync(dir, { recursive: true, force: true });
    rmSync(ui, { recursive: true, force: true });
    const records = text
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l) as SkipRecord);
    process.stdout.write(formatSkipBlock(records));
    // A warning here (files may be edited during a long local run); .ci/run fails on it.
    const changed = newEntries(before, treeState());
    if (changed.length > 0) {
      process.stdout.write(`\nTHE WORK TREE CHANGED during the run (tests must write to temporary folders only):\n${changed.map((l) => `  ${l}`).join('\n')}\n`);
    }
  };
}
