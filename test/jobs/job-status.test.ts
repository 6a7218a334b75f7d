import { describe, expect, it } from 'vitest';
import { JOB_STATES, renderJobStatus, STORED_STATES } from '../../src/api/jobs/render/job-status.js';
import type { JobPhase, JobState, JobStateMatch, JobType, NamedJob } from '../../src/core/types.js';

// Any job shape, also ones whose params the type would refuse: the renderer must cope.
const job = (over: Record<string, unknown>): NamedJob => ({
  id: 7,
  driveId: 'd1',
  type: 'delete',
  state: 'running',
  phase: 'applying',
  cancelRequested: false,
  targetId: 'f1',
  targetName: 'Big',
  params: {},
  total: 10,
  processed: 4,
  failed: 0,
  errorCode: null,
  errorMessage: null,
  createdBy: 'u1',
  createdByName: 'alice',
  createdAt: Date.UTC(2024, 0, 2, 3, 4, 5, 678),
  startedAt: Date.UTC(2024, 0, 2, 3, 4, 6),
  finishedAt: null,
  updatedAt: 0,
  leaseOwner: null,
  leaseExpiresAt: null,
  attempts: 1,
  ...over,
}) as NamedJob;

/**
 * SPEC section 2's table, row by row. The running phases cannot be caught reliably over
 * HTTP (a job passes through them in milliseconds), so the mapping is checked here too.
 */
describe('Jobs dialect: status object', () => {
  const cases: [JobState, JobPhase, string][] = [
    ['queued', '', 'EXAMINING'],
    ['running', '', 'EXAMINING'],
    ['running', 'listing', 'EXAMINING'],
    ['running', 'applying', 'PROCESSING'],
    ['running', 'finishing', 'EXECUTING'],
    ['succeeded', 'applying', 'COMPLETE'],
    ['partially_succeeded', 'applying', 'COMPLETE'],
    ['failed', 'applying', 'FAILED'],
    ['cancelled', 'applying', 'CANCELLED'],
  ];
  it.each(cases)('%s (%s) is %s', (state, phase, expected) => {
    expect(renderJobStatus(job({ state, phase }), 'Team').jobState).toBe(expected);
  });

  // The `state=` filter reads the table backwards (in SQL); both directions must agree.
  const STATES: JobState[] = ['queued', 'running', 'succeeded', 'partially_succeeded', 'failed', 'cancelled'];
  const PHASES: JobPhase[] = ['', 'listing', 'applying', 'finishing'];
  const matches = (m: JobStateMatch, state: JobState, phase: JobPhase) =>
    typeof m === 'string' ? m === state : m.state === state && m.phases.includes(phase);
  it.each(STATES.flatMap((state) => PHASES.map((phase) => [state, phase] as const)))(
    'the state= filter finds a %s (%s) job under its jobState only',
    (state, phase) => {
      const shown = renderJobStatus(job({ state, phase }), 'Team').jobState;
      const found = JOB_STATES.filter((name) => STORED_STATES[name].some((m) => matches(m, state, phase)));
      expect(found).toEqual([shown]);
    },
  );

  it('a partial success is COMPLETE with jobStats.failed > 0', () => {
    const s = renderJobStatus(job({ state: 'partially_succeeded', processed: 8, failed: 2 }), 'Team');
    expect(s).toMatchObject({ jobState: 'COMPLETE', jobStats: { processed: 8, failed: 2 } });
  });

  it.each([
    ['restore', 'RESTORE'],
    ['delete', 'DELETE'],
    ['clear', 'CLEAR'],
    ['expire', 'LIFECYCLE_UPDATE'],
  ] as [JobType, string][])('type %s is %s', (type, expected) => {
    expect(renderJobStatus(job({ type }), 'Team').jobType).toBe(expected);
  });

  it('renders times to the second, params as strings, and the error of a failed job', () => {
    const s = renderJobStatus(
      job({
        state: 'failed',
        finishedAt: Date.UTC(2024, 0, 2, 3, 5, 0),
        errorCode: 'EntryNotFound',
        errorMessage: 'gone',
        params: { cutoff: 123, targetId: null, nested: { a: 1 } },
      }),
      'Team',
    );
    expect(s.startTime).toBe('2024-01-02T03:04:06Z');
    expect(s.completeTime).toBe('2024-01-02T03:05:00Z');
    // A queued job has neither time: both keys are left out, never null.
    const queued = renderJobStatus(job({ state: 'queued', startedAt: null, finishedAt: null }), 'Team');
    expect(Object.keys(queued)).not.toContain('startTime');
    expect(Object.keys(queued)).not.toContain('completeTime');
    expect(s.jobParams).toMatchObject({
      createTime: '2024-01-02T03:04:05Z',
      errorCode: 'EntryNotFound',
      errorMessage: 'gone',
      cutoff: '123',
      nested: '{"a":1}',
      total: '10',
      fileName: 'Big',
    });
    expect(s.jobParams).not.toHaveProperty('targetId');
    expect(s.bucketName).toBe('Team');
  });
});
