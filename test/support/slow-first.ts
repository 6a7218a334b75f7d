import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The suites that took longest in CI (seconds, from `.ci/run` logs), started first. A clean
 * CI clone has no vitest timing cache, so vitest orders files by their size; a two-minute
 * suite started last leaves one of the two workers idle for its whole run.
 */
const SLOWEST = [
  'test/crash/purge-crash.test.ts', // 130-180
  'test/pds/mass-undo.test.ts', // 100-160: 100,000 items undone on both databases
  'test/dav/rclone.test.ts', // 50-60
  'test/cli/behaves.test.ts', // ~50
  'test/permissions/pds-roles.test.ts', // ~50
  'test/ui/web-ui.test.ts', // 30-50 each, the browser suites
  'test/ui/first-run-ui.test.ts',
  'test/ui/members-ui.test.ts',
  'test/ui/users-ui.test.ts',
  'test/docs/doc-commands.test.ts', // ~40
  'test/hardening/upload-delete-race.test.ts', // ~40
  'test/core/model.test.ts',
];

export default class SlowFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (f: TestSpecification) => {
      const i = SLOWEST.findIndex((p) => f.moduleId.endsWith(p));
      return i < 0 ? SLOWEST.length : i;
    };
    // A stable sort: the rest keep vitest's own order (its timing cache, when there is one).
    return sorted.sort((a, b) => rank(a) - rank(b));
  }
}
