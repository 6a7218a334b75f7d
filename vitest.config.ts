import { defineConfig } from 'vitest/config';
import SlowFirst from './test/support/slow-first.js';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Collects the suites skipped for want of Chromium, faketime, PostgreSQL..., and prints
    // them as one block at the end of the run (test/support/skips.ts).
    globalSetup: ['test/support/global-setup.ts'],
    // Each suite starts real servers and databases; two cores do not gain from more workers.
    maxWorkers: 2,
    // The longest suites first, so neither worker ends the run alone on one of them.
    sequence: { sequencer: SlowFirst },
  },
});
