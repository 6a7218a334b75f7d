import { useState } from 'react';
import { jobsApi } from '../api/jobs.js';
import { type DriveRole, isRunning, type JobPage, type JobStatus, type SessionUser } from '../api/types.js';
import { JobProgress } from '../components/job-progress.js';
import { JobCounts } from './job-counts.js';
import { Notice } from '../components/notice.js';
import { Pager } from '../components/pager.js';
import { describeError } from '../lib/errors.js';
import { RelativeTime } from '../components/relative-time.js';
import { Skeleton } from '../components/skeleton.js';
import { afterStop, humanState, STATE_FILTERS, stateClass } from '../lib/job-words.js';
import { mayEdit, mayManage } from '../lib/roles.js';
import { useDriveRoles } from '../lib/use-drive-roles.js';
import { usePoll } from '../lib/use-poll.js';

/** A second between polls: a job started anywhere (UI, PDS, NAS) shows up within it. */
const POLL_MS = 1000;

const TYPE_NAMES: Record<string, string> = {
  RESTORE: 'Restore',
  DELETE: 'Delete permanently',
  CLEAR: 'Empty bin',
  LIFECYCLE_UPDATE: 'Retention expiry',
  COPY: 'Copy folder',
  RESTORE_ALL: 'Restore all found',
  DELETE_ALL: 'Delete all found permanently',
};

/** Jobs an editor may start, and so cancel; the rest are the drive owner's (as the server rules). */
const EDITOR_JOBS = new Set(['RESTORE', 'RESTORE_ALL', 'COPY']);


/**
 * Who may cancel a job is who may start one of its kind (docs/pds.md, "Members and
 * roles"): restores and copies an editor, the rest the drive's owner. Admins always.
 */
function mayCancel(job: JobStatus, me: SessionUser, roles: Map<string, DriveRole> | undefined): boolean {
  if (me.isAdmin) return true;
  const role = roles?.get(job.jobParams.driveId ?? '');
  return EDITOR_JOBS.has(job.jobType) ? mayEdit(role) : mayManage(role);
}

/** Every job, newest first, refreshed every second; cancel for the running ones the caller may stop. */
export function JobsPage({ me }: { me: SessionUser }) {
  const [state, setState] = useState('');
  const [page, setPage] = useState(1);
  const [data, setData] = useState<JobPage>();
  const [error, setError] = useState<string>();
  const [message, setMessage] = useState<string>();
  const [cancelling, setCancelling] = useState<Set<number>>(new Set());
  const roles = useDriveRoles();

  usePoll(
    async () => {
      try {
        setData(await jobsApi.list({ page, state }));
        setError(undefined);
      } catch (err) {
        setError(describeError(err));
      }
    },
    POLL_MS,
    [page, state],
  );

  const cancel = async (job: JobStatus) => {
    const id = job.jobId.id;
    if (cancelling.has(id)) return;
    setCancelling((s) => new Set(s).add(id));
    try {
      const { status } = await jobsApi.cancel(id);
      setMessage(`Cancel requested for job ${id}: ${humanState(status) === 'Cancelled' ? 'it is cancelled' : 'it stops after the step it is on'}.`);
    } catch (err) {
      setError(`Could not cancel job ${id}. ${describeError(err)}`);
    }
    // The button stays disabled: the job's own status now says it is cancelling.
  };

  const pages = data ? Math.max(1, Math.ceil(data.totalCount / data.pageSize)) : 1;
  return (
    <>
      <h1>Jobs</h1>
      <div className="toolbar">
        <label htmlFor="job-state">Show</label>
        <select
          id="job-state"
          value={state}
          onChange={(e) => {
            setState(e.target.value);
            setPage(1);
          }}
        >
          {STATE_FILTERS.map((s) => (
            <option key={s.value} value={s.value}>
              {s.label}
            </option>
          ))}
        </select>
        <span className="hint">Updates every second.</span>
      </div>
      <JobCounts
        onPick={(s) => {
          setState(s);
          setPage(1);
        }}
      />
      <Notice error={error} />
      <Notice message={message} onDismiss={() => setMessage(undefined)} />
      {!data && !error && <Skeleton label="Loading jobs" rows={4} />}
      {data && data.jobs.length === 0 && (
        <p className="empty empty-state">
          {state ? 'No job in this state.' : 'No jobs yet. Deleting for good, emptying a bin, restoring and retention expiry run as jobs, and show up here as they run.'}
        </p>
      )}
      {data && data.jobs.length > 0 && (
        <table className="list jobs">
          <caption className="sr-only">Jobs, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Job</th>
              <th scope="col">Type</th>
              <th scope="col">Drive</th>
              <th scope="col">Item</th>
              <th scope="col">State</th>
              <th scope="col">Progress</th>
              <th scope="col">Started</th>
              <th scope="col">Finished</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {data.jobs.map((job) => (
              <tr key={job.jobId.id} data-job-id={job.jobId.id}>
                <th scope="row">#{job.jobId.id}</th>
                <td data-label="Type">{TYPE_NAMES[job.jobType] ?? job.jobType}</td>
                <td data-label="Drive">{job.bucketName}</td>
                <td data-label="Item">{job.jobParams.fileName ?? (job.jobType === 'CLEAR' ? 'Whole bin' : '—')}</td>
                <td data-label="State">
                  <span className={stateClass(humanState(job))}>{humanState(job)}</span>
                  {afterStop(job) && <div className="after-stop">{afterStop(job)}</div>}
                  {job.jobParams.errorMessage && <div className="inline-error">{job.jobParams.errorMessage}</div>}
                </td>
                <td data-label="Progress">
                  <JobProgress job={job} />
                </td>
                <td data-label="Started">
                  <RelativeTime at={job.startTime ?? job.jobParams.createTime} />
                </td>
                <td data-label="Finished">
                  <RelativeTime at={job.completeTime} />
                </td>
                <td className="actions">
                  {!isRunning(job) && (
                    <a className="small" href={jobsApi.reportUrl(job.jobId.id)} target="_blank" rel="noreferrer" aria-label={`Report of job ${job.jobId.id}`}>
                      Report
                    </a>
                  )}
                  {isRunning(job) && mayCancel(job, me, roles) && (
                    <button
                      type="button"
                      className="small danger"
                      aria-label={`Cancel job ${job.jobId.id}`}
                      disabled={cancelling.has(job.jobId.id) || job.jobParams.cancelRequested === 'true'}
                      onClick={() => void cancel(job)}
                    >
                      Cancel
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager label="Jobs" page={page} hasPrev={page > 1} hasNext={page < pages} onPrev={() => setPage(page - 1)} onNext={() => setPage(page + 1)} />
    </>
  );
}
