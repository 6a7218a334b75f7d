import { type TSchema, Type } from '@sinclair/typebox';
import type { OperationDoc } from '../openapi/operation-doc.js';
import { INT32_MAX } from './params.js';
import { JOB_STATES } from './render/job-status.js';
import type { JOBS_OPERATIONS } from './operations.js';

const O = Type.Optional;
const open = <T extends Record<string, TSchema>>(props: T) => Type.Object(props, { additionalProperties: true });
const Time = Type.String({ format: 'date-time' });
const User = open({ id: Type.String(), name: Type.String(), isAdmin: Type.Boolean() });

export const JobsError = Type.Object({ code: Type.String(), message: Type.String(), details: O(Type.String()) }, { additionalProperties: true });

export const JobStatus = open({
  jobId: Type.Object({ id: Type.Integer() }),
  jobState: Type.Union(JOB_STATES.map((s) => Type.Literal(s))),
  jobType: Type.String(),
  startTime: O(Time),
  completeTime: O(Time),
  jobParams: Type.Record(Type.String(), Type.String()),
  jobStats: Type.Object({ processed: Type.Integer({ minimum: 0 }), failed: Type.Integer({ minimum: 0 }) }),
  bucketName: Type.String(),
});

const BinSettings = open({
  driveId: Type.String(),
  driveName: Type.String(),
  enabled: Type.Boolean(),
  reservedDays: Type.Integer(),
  sizeBytes: Type.Integer({ minimum: 0 }),
  enableTime: Type.Union([Time, Type.Null()]),
  recyclebinLock: Type.Union([open({ mode: Type.String(), minRetentionDays: Type.Integer() }), Type.Null()]),
});

const AuditRecord = open({
  id: Type.Integer(),
  time: Time,
  actor: Type.Union([Type.String(), Type.Null()]),
  actorName: Type.Union([Type.String(), Type.Null()]),
  dialect: Type.String(),
  action: Type.String(),
  driveId: Type.Union([Type.String(), Type.Null()]),
  itemId: Type.Union([Type.String(), Type.Null()]),
  name: Type.Union([Type.String(), Type.Null()]),
  path: Type.Union([Type.String(), Type.Null()]),
  bytes: Type.Union([Type.Integer(), Type.Null()]),
  jobId: Type.Union([Type.Integer(), Type.Null()]),
  outcome: Type.String(),
  detail: Type.String(),
});

/** Query parameters are strings on the wire; the operation parses and range-checks them. */
const Q = (description: string) => O(Type.String({ description }));

/**
 * Every Jobs operation in the OpenAPI document (api/openapi), keyed as JOBS_OPERATIONS: a
 * new operation does not type-check until it is described here.
 */
export const JOBS_DOCS: Record<keyof typeof JOBS_OPERATIONS, OperationDoc> = {
  csrf: {
    summary: 'A CSRF token for the double-submit pair (cookie XSRF-TOKEN and header X-XSRF-TOKEN).',
    response: Type.Object({ headerName: Type.Literal('X-XSRF-TOKEN'), token: Type.String() }, { additionalProperties: false }),
  },
  login: {
    summary: 'Sign in with a password: sets the session cookie.',
    body: Type.Object({ username: Type.String({ minLength: 1 }), password: Type.String({ minLength: 1 }) }, { additionalProperties: true }),
    response: open({ user: User, expiresAt: Time }),
    example: { request: { username: 'admin', password: 'the-admin-password' }, response: { user: { id: 'u1', name: 'admin', isAdmin: true }, expiresAt: '2026-12-04T14:00:00Z' } },
  },
  logout: { summary: 'Sign out: ends the session (or revokes the bearer token).', status: 204 },
  currentSession: { summary: 'Who is signed in.', response: open({ user: User }) },
  listUsers: { summary: 'The users the caller may name in filters.', response: open({ users: Type.Array(User) }) },
  cancelJob: {
    summary: 'Cancel a job: a queued one at once, a running one within one batch.',
    // Any int32: one that names no job is a 404, as the vendor answers it, not a 400.
    body: Type.Object({ jobId: Type.Object({ id: Type.Integer({ minimum: -INT32_MAX - 1, maximum: INT32_MAX }) }) }, { additionalProperties: true }),
    response: open({ status: JobStatus }),
    example: { request: { jobId: { id: 42 } } },
  },
  listJobs: {
    summary: 'The caller\'s jobs (admin: all), newest first.',
    query: Type.Object({
      state: Q(`Comma-separated job states: ${JOB_STATES.join(', ')}`),
      drive: Q('A drive id'),
      type: Q('Comma-separated job types (RESTORE, DELETE, CLEAR, LIFECYCLE_UPDATE, COPY, RESTORE_ALL, DELETE_ALL)'),
      page: Q('From 1'),
      pageSize: Q('1-100, default 50'),
    }),
    response: open({ jobs: Type.Array(JobStatus), page: Type.Integer(), pageSize: Type.Integer(), totalCount: Type.Integer() }),
    example: {
      response: {
        jobs: [{ jobId: { id: 42 }, jobState: 'COMPLETE', jobType: 'RESTORE', startTime: '2026-12-03T14:00:00Z', completeTime: '2026-12-03T14:00:01Z', jobParams: {}, jobStats: { processed: 1, failed: 0 }, bucketName: 'team' }],
        page: 1,
        pageSize: 50,
        totalCount: 1,
      },
    },
  },
  getJob: { summary: 'One job\'s status.', response: open({ status: JobStatus }) },
  getJobReport: { summary: 'A finished job\'s report: its failed items, as JSON lines.' },
  getRecycleBin: { summary: 'A drive\'s recycle-bin settings.', response: BinSettings },
  updateRecycleBin: {
    summary: 'Turn a drive\'s bin on or off, or change its retention (turning it off empties it, as a job).',
    body: Type.Object({ enabled: Type.Boolean(), reservedDays: O(Type.Integer({ minimum: 1, maximum: 180 })), bypassGovernanceRetention: O(Type.Boolean()) }, { additionalProperties: true }),
    response: Type.Intersect([BinSettings, open({ job: Type.Union([JobStatus, Type.Null()]) })]),
    example: { request: { enabled: true, reservedDays: 7 } },
  },
  listAudit: {
    summary: 'The audit trail, newest first.',
    query: Type.Object({ drive: Q('A drive id'), actor: Q('A user id'), action: Q('An action'), from: Q('A time (ISO 8601)'), to: Q('A time (ISO 8601)'), page: Q('From 1'), pageSize: Q('1-100, default 50') }),
    response: open({ records: Type.Array(AuditRecord), page: Type.Integer(), pageSize: Type.Integer(), totalCount: Type.Integer() }),
  },
  exportAudit: { summary: 'The audit trail as a file (JSON lines or CSV).', query: Type.Object({ format: Q('jsonl or csv'), drive: Q('A drive id'), actor: Q('A user id'), action: Q('An action'), from: Q('A time (ISO 8601)'), to: Q('A time (ISO 8601)') }) },
};
