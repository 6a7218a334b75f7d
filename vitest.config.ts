import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Each suite starts real servers and databases; two cores do not gain from more workers.
    maxWorkers: 2,
  },
});
