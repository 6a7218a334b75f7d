import { describe, expect, it } from 'vitest';
import { renderTask } from '../../../src/api/pds/render/task.js';
import type { Job, JobState } from '../../../src/core/types.js';

const job = (state: JobState, extra: Record<string, unknown> = {}): Job => ({
  id: 7,
  driveId: 'd',
  type: 'delete',
  state,
  phase: '',
  cancelRequested: false,
  targetId: 'f',
  targetName: 'f',
  params: {},
  total: 10,
  processed: 4,
  failed: 0,
  errorCode: null,
  errorMessage: null,
  createdBy: 'u',
  createdAt: 0,
  startedAt: state === 'queued' ? null : 1000,
  finishedAt: null,
  updatedAt: 0,
  leaseOwner: null,
  leaseExpiresAt: null,
  attempts: 0,
  ...extra,
}) as Job;

describe('PDS async task rendering (SPEC section 2 state table)', () => {
  it.each([
    ['queued', 'Running'],
    ['running', 'Running'],
    ['succeeded', 'Succeed'],
    ['partially_succeeded', 'PartialSucceed'],
    ['failed', 'Failed'],
    ['cancelled', 'Cancelled'],
  ] as const)('%s -> %s', (state, pds) => {
    const t = renderTask(job(state));
    expect(t.state).toBe(pds);
    expect(t.status).toBe(pds);
    expect(t.async_task_id).toBe('7');
    expect(t.total_process).toBe(10);
    expect(t.consumed_process).toBe(state === 'queued' ? 0 : 4);
  });

  it('reports a failure with the PDS error code', () => {
    const t = renderTask(job('partially_succeeded', { failed: 1, errorCode: 'EntryNotFound', errorMessage: 'gone', finishedAt: 2000 }));
    expect(t).toMatchObject({ error_code: 'NotFound.File', error_message: 'gone', finished_at: '1970-01-01T00:00:02.000Z', started_at: '1970-01-01T00:00:01.000Z' });
    // The SDK's GetAsyncTaskResponse names: err_code (int64) and message, beside PDS's own.
    expect(t).toMatchObject({ err_code: 404, message: 'gone' });
  });

  it('gives err_code 200 and an empty message while there is no error, 500 for an internal one', () => {
    expect(renderTask(job('running'))).toMatchObject({ err_code: 200, message: '', error_code: '', error_message: '' });
    expect(renderTask(job('failed', { errorCode: 'InternalError', errorMessage: 'stopped' }))).toMatchObject({ err_code: 500, error_code: 'InternalError', message: 'stopped' });
  });
});
