import { existsSync } from 'node:fs';
import { recordSkip } from './skips.js';

/** How to get each system program a suite runs (Debian's packages, as .ci/run installs them). */
const INSTALL: Record<string, string> = {
  chromium: 'sudo apt-get install -y chromium',
  faketime: 'sudo apt-get install -y faketime',
};

/**
 * Whether a system program a suite needs is installed. On a bare machine (`npm test` with
 * only Node.js and npm) a missing one skips its suite, and the run ends with a block naming
 * it and its install command (skips.ts); `.ci/run` installs them all and sets
 * SALVAGE_TEST_<NAME>=required, which turns a missing program into a failure instead.
 */
export function systemProgram(input: { name: string; path: string; install?: string }): boolean {
  if (existsSync(input.path)) return true;
  recordSkip({
    name: input.name,
    missing: `${input.path} is missing`,
    install: input.install ?? INSTALL[input.name] ?? `sudo apt-get install -y ${input.name}`,
    variable: `SALVAGE_TEST_${input.name.toUpperCase()}`,
  });
  return false;
}

/**
 * Like systemProgram, for a suite that needs several programs from one set of packages,
 * made mandatory together by SALVAGE_TEST_<env>=required.
 */
export function systemPrograms(input: { env: string; paths: readonly string[]; packages: string; suite: string }): boolean {
  const missing = input.paths.filter((p) => !existsSync(p));
  if (missing.length === 0) return true;
  recordSkip({
    name: input.suite,
    missing: `${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing`,
    install: `sudo apt-get install -y ${input.packages}`,
    variable: `SALVAGE_TEST_${input.env}`,
  });
  return false;
}
