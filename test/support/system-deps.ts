import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { recordSkip } from './skips.js';

/** How to get each system program a suite runs (Debian's packages, as .ci/run installs them). */
const INSTALL: Record<string, string> = {
  chromium: 'sudo apt-get install -y chromium',
  faketime: 'sudo apt-get install -y faketime',
  curl: 'sudo apt-get install -y curl',
  jq: 'sudo apt-get install -y jq',
  litmus: 'sudo apt-get install -y litmus',
  rclone: 'sudo apt-get install -y rclone',
  cadaver: 'sudo apt-get install -y cadaver',
};

/** Where `name` is on the PATH, as a shell would find it; undefined when it is not. */
export function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir !== '' && existsSync(join(dir, name))) return join(dir, name);
  }
  return undefined;
}

/**
 * Whether a system program a suite needs is installed (at `path`, or on the PATH when no
 * path is given). On a bare machine (`npm test` with only Node.js and npm) a missing one
 * skips its suite, and the run ends with a block naming it and its install command
 * (skips.ts); `.ci/run` installs them all and sets SALVAGE_TEST_<NAME>=required (or the
 * `variable` given, when several programs share one), which turns a missing program into
 * a failure instead.
 */
export function systemProgram(input: { name: string; path?: string; install?: string; variable?: string; extent?: 'whole' | 'partly' }): boolean {
  if (input.path ? existsSync(input.path) : onPath(input.name)) return true;
  recordSkip(
    {
      name: input.name,
      missing: input.path ? `${input.path} is missing` : `${input.name} is not on the PATH`,
      install: input.install ?? INSTALL[input.name] ?? `sudo apt-get install -y ${input.name}`,
      variable: input.variable ?? `SALVAGE_TEST_${input.name.toUpperCase()}`,
    },
    input.extent,
  );
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
