import { existsSync } from 'node:fs';

/**
 * Whether a system program a suite needs is installed. On a bare machine (`npm test` with
 * only Node.js and npm) a missing one skips its suite with a line saying what to install;
 * `.ci/run` installs them all and sets SALVAGE_TEST_<NAME>=required, which turns a missing
 * program into a failure instead of a silent skip.
 */
export function systemProgram(input: { name: 'chromium' | 'faketime'; path: string; suite: string }): boolean {
  if (existsSync(input.path)) return true;
  if (process.env[`SALVAGE_TEST_${input.name.toUpperCase()}`] === 'required') {
    throw new Error(`SALVAGE_TEST_${input.name.toUpperCase()}=required but ${input.path} is missing`);
  }
  console.warn(`${input.suite} skipped: ${input.path} is missing (apt-get install ${input.name}; .ci/run installs it)`);
  return false;
}

/**
 * Like systemProgram, for a suite that needs several programs from one set of packages,
 * made mandatory together by SALVAGE_TEST_<env>=required.
 */
export function systemPrograms(input: { env: string; paths: readonly string[]; packages: string; suite: string }): boolean {
  const missing = input.paths.filter((p) => !existsSync(p));
  if (missing.length === 0) return true;
  if (process.env[`SALVAGE_TEST_${input.env}`] === 'required') {
    throw new Error(`SALVAGE_TEST_${input.env}=required but ${missing.join(', ')} is missing`);
  }
  console.warn(`${input.suite} skipped: ${missing.join(', ')} missing (apt-get install ${input.packages}; .ci/run installs them)`);
  return false;
}
