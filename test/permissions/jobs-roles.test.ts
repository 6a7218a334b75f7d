import { describe, expect, it } from 'vitest';
import { JOBS_OPERATIONS } from '../../src/api/jobs/operations.js';
import { signedIn } from '../jobs/support/jobs-client.js';
import { testDatabases } from '../support/databases.js';
import { makeFolder } from '../pds/support/pds-client.js';
import { checkCall, type Need, type Refusal, refusalFor, type Scope } from './support/rules.js';
import { permissionWorld, type Principal, ROLES, type World } from './support/world.js';

const databases = await testDatabases();

/** One Jobs call: what it needs, and a fresh request made for each caller. */
interface JobsCase {
  route: string;
  need: Need;
  scope: Scope;
  request: (w: World, caller: Principal) => Promise<{ method: string; path: string; body?: unknown }>;
  hidden?: { status: number; code: string };
}

/** A folder-copy job of the owner's on the shared drive (jobs stay queued in this world). */
const copyJob = async (w: World) => {
  const folder = await makeFolder(w.owner, w.driveId, 'root', w.unique('task'));
  const copy = await w.owner.ok('/v2/file/copy', { drive_id: w.driveId, file_id: folder.file_id, to_parent_file_id: 'root', new_name: w.unique('copied') }, 202);
  return Number(copy.async_task_id);
};

const CASES: JobsCase[] = [
  { route: 'GET /csrf', need: 'anyone', scope: 'elsewhere', request: async () => ({ method: 'GET', path: '/csrf' }) },
  { route: 'POST /v1/auth/login', need: 'anyone', scope: 'elsewhere', request: async () => ({ method: 'POST', path: '/v1/auth/login' }) },
  { route: 'POST /v1/auth/logout', need: 'anyone', scope: 'elsewhere', request: async () => ({ method: 'POST', path: '/v1/auth/logout' }) },
  { route: 'GET /v1/auth/session', need: 'anyone', scope: 'elsewhere', request: async () => ({ method: 'GET', path: '/v1/auth/session' }) },
  { route: 'GET /v1/users', need: 'anyone', scope: 'elsewhere', request: async () => ({ method: 'GET', path: '/v1/users' }) },
  { route: 'GET /v1/jobs', need: 'anyone', scope: 'elsewhere', request: async () => ({ method: 'GET', path: '/v1/jobs' }) },
  // Everyone reads the records of the drives they own (admins: all); never a refusal.
  { route: 'GET /v1/audit', need: 'anyone', scope: 'elsewhere', request: async (w) => ({ method: 'GET', path: `/v1/audit?drive=${w.driveId}` }) },
  { route: 'GET /v1/audit/export', need: 'anyone', scope: 'elsewhere', request: async (w) => ({ method: 'GET', path: `/v1/audit/export?format=jsonl&drive=${w.driveId}` }) },
  {
    route: 'GET /v1/jobs/:id',
    need: 'viewer',
    scope: 'drive',
    hidden: { status: 404, code: 'JobNotFound' },
    request: async (w) => ({ method: 'GET', path: `/v1/jobs/${await copyJob(w)}` }),
  },
  {
    route: 'POST /v1/jobs/cancel',
    need: 'editor',
    scope: 'drive',
    hidden: { status: 404, code: 'JobNotFound' },
    request: async (w) => ({ method: 'POST', path: '/v1/jobs/cancel', body: { jobId: { id: await copyJob(w) } } }),
  },
  {
    route: 'GET /v1/jobs/:id/report',
    need: 'viewer',
    scope: 'drive',
    hidden: { status: 404, code: 'JobNotFound' },
    request: async (w) => ({ method: 'GET', path: `/v1/jobs/${await copyJob(w)}/report` }),
  },
  { route: 'GET /v1/drives/:driveId/recyclebin', need: 'viewer', scope: 'drive', request: async (w) => ({ method: 'GET', path: `/v1/drives/${w.driveId}/recyclebin` }) },
  {
    route: 'PUT /v1/drives/:driveId/recyclebin',
    need: 'owner',
    scope: 'drive',
    request: async (w) => ({ method: 'PUT', path: `/v1/drives/${w.driveId}/recyclebin`, body: { enabled: true, reservedDays: 10 + (Number(w.unique('').slice(1)) % 100) } }),
  },
];

const JOBS_REFUSAL: Record<Refusal, { status: number; code: string }> = {
  hidden: { status: 404, code: 'DriveNotFound' },
  forbidden: { status: 403, code: 'Forbidden' },
  'signed-out': { status: 401, code: 'Unauthorized' },
};

const nameOf = (role: string) => ({ admin: 'admin', owner: 'olga', editor: 'eddie', viewer: 'vera', stranger: 'stan', disabled: 'dora' })[role]!;

describe.each(databases)('every Jobs call as each role on %s', (database) => {
  const world = permissionWorld(database);

  it('covers every route the dialect serves', () => {
    const served = Object.values(JOBS_OPERATIONS).map((o) => `${o.method} ${o.path}`);
    expect(served.sort()).toEqual(CASES.map((c) => c.route).sort());
  });

  it.each(CASES.map((c) => [c.route, c] as const))('%s', async (route, c) => {
    const w = world();
    for (const role of ROLES) {
      const caller = w.callers[role];
      const req = await c.request(w, caller);
      // The sign-in paths act on the caller's own credentials; a disabled user cannot sign in at all.
      const signIn = route === 'POST /v1/auth/login';
      if (signIn && role === 'disabled') {
        expect((await caller.jobs.signIn('dora', 'dora-password')).status).toBe(401);
        continue;
      }
      const anonymous = route === 'GET /csrf' ? 'none' : undefined;
      await checkCall(
        w.node,
        {
          label: route,
          role,
          refusal: anonymous ? undefined : refusalFor(role, c.need, c.scope),
          expected: (r) => (r === 'hidden' && c.hidden ? c.hidden : JOBS_REFUSAL[r]),
        },
        async () => {
          const res = signIn
            ? await caller.jobs.signIn(nameOf(role), `${nameOf(role)}-password`)
            : await caller.jobs.call(req.method, req.path, req.body === undefined ? {} : { body: req.body });
          return { status: res.status, code: res.body?.code, text: JSON.stringify(res.body) ?? '' };
        },
      );
      // Logged out: sign in again for the cases after this one.
      if (route === 'POST /v1/auth/logout' && role !== 'disabled') caller.jobs = await signedIn(w.node.url, nameOf(role), `${nameOf(role)}-password`);
    }
  });
});
