import { describe, expect } from 'vitest';
import { testDatabases } from '../support/databases.js';
import { signInThrottleCases } from '../support/sign-in-throttle.js';
import { JobsClient } from './support/jobs-client.js';

const databases = await testDatabases();

/** Issue 13 item 11 for POST /v1/auth/login (the cases are in test/support/sign-in-throttle.ts). */
describe.each(databases)('Jobs login throttle on %s', (database) => {
  signInThrottleCases(database, {
    signIn: (username, password, on) => new JobsClient(on.url).signIn(username, password),
    refused: 401,
    throttledAnswer(throttled) {
      expect(throttled.body).toEqual({ code: 'TooManyRequests', message: expect.any(String), details: expect.any(String) });
      expect(throttled.setCookies.some((c) => c.startsWith('salvage_session='))).toBe(false);
    },
  });
});
