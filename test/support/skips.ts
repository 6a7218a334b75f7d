import { appendFileSync } from 'node:fs';
import { relative } from 'node:path';
import { expect } from 'vitest';

/**
 * Suites skipped for want of something the machine lacks. Each worker appends a line to the
 * file test/support/global-setup.ts names in SALVAGE_TEST_SKIPS_FILE; at the end of the run
 * the setup's teardown prints them as one block (formatSkipBlock), after vitest's summary,
 * so a bare machine's `npm test` ends by saying what it did not test and how to get it.
 */

/** What a suite needs, how to get it, and the variable that makes its absence an error. */
export interface Dependency {
  /** Short name, the key the block groups by: `chromium`, `PostgreSQL`. */
  name: string;
  /** Why it is missing, as found: `/usr/bin/chromium is missing`. */
  missing: string;
  /** The exact command that provides it. */
  install: string;
  /** SALVAGE_TEST_<X>: `required` turns the skip into a failure (.ci/run sets them all). */
  variable: string;
}

export interface SkipRecord extends Dependency {
  /** The test file, from the repository root. */
  suite: string;
  /** `whole`: nothing of the suite ran; `partly`: its variants on this dependency did not. */
  extent: 'whole' | 'partly';
}

/** The test file being collected, from the repository root (vitest knows it at module level). */
function currentSuite(): string {
  const path = expect.getState().testPath;
  return path ? relative(process.cwd(), path) : '(unknown suite)';
}

/**
 * Says the current suite cannot run (in whole or in part) without `dep`. With
 * SALVAGE_TEST_<X>=required it throws instead: CI must never skip.
 */
export function recordSkip(dep: Dependency, extent: SkipRecord['extent'] = 'whole'): void {
  if (process.env[dep.variable] === 'required') throw new Error(`${dep.variable}=required but ${dep.missing}`);
  const record: SkipRecord = { ...dep, suite: currentSuite(), extent };
  const file = process.env.SALVAGE_TEST_SKIPS_FILE;
  // Run without the global setup (another config): say it here, at least.
  if (!file) console.warn(`${record.suite} skipped${extent === 'partly' ? ' in part' : ''}: ${dep.missing} (${dep.install})`);
  else appendFileSync(file, `${JSON.stringify(record)}\n`);
}

/** The block printed at the end of a run; '' when nothing was skipped. */
export function formatSkipBlock(records: SkipRecord[]): string {
  if (records.length === 0) return '';
  const byDep = new Map<string, SkipRecord[]>();
  for (const r of records) byDep.set(r.name, [...(byDep.get(r.name) ?? []), r]);
  // A suite skipped whole for one dependency is not listed as run in part for another.
  const skippedWhole = new Set(records.filter((r) => r.extent === 'whole').map((r) => r.suite));
  const lines = ['', 'SKIPPED: this machine lacks what these suites need; nothing else was left out.'];
  for (const [name, group] of [...byDep].sort(([a], [b]) => a.localeCompare(b))) {
    const first = group[0]!;
    const whole = new Set(group.filter((r) => r.extent === 'whole').map((r) => r.suite));
    const partly = new Set(group.filter((r) => r.extent === 'partly' && !skippedWhole.has(r.suite)).map((r) => r.suite));
    lines.push('', `  ${name}: ${first.missing}`);
    if (whole.size > 0) lines.push(`    skipped (${whole.size}): ${[...whole].sort().join(', ')}`);
    if (partly.size > 0) lines.push(`    ran in part, without what needs ${name} (${partly.size}): ${[...partly].sort().join(', ')}`);
    lines.push(`    to get it: ${first.install}`);
    lines.push(`    (${first.variable}=required makes this a failure, as in .ci/run)`);
  }
  lines.push('', 'Install the above and run `npm test` again to run everything; .ci/run does it all on Debian.', '');
  return lines.join('\n');
}
