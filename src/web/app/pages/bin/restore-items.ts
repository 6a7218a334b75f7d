import { jobsApi } from '../../api/jobs.js';
import { pds } from '../../api/pds.js';
import type { JobStatus, PdsFile } from '../../api/types.js';
import { isRunning } from '../../api/types.js';
import { describeError } from '../../lib/errors.js';

export interface RestoreOutcome {
  fileId: string;
  name: string;
  /** Where it went: the folder path and the name it has there (may carry "(restored)"). */
  folderPath?: string;
  /** The folder it went to ('root' for the drive's root), for a link that opens it. */
  folderId?: string;
  restoredName?: string;
  error?: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The path of a live folder, walking up with /v2/file/get. */
async function pathOf(driveId: string, folderId: string): Promise<string> {
  const names: string[] = [];
  let id = folderId;
  for (let depth = 0; id && id !== 'root' && depth < 64; depth++) {
    const f = await pds.getFile(driveId, id);
    names.unshift(f.name);
    id = f.parent_file_id;
  }
  return `/${names.join('/')}`;
}

/**
 * A restore is a PDS task; usually done at once, but it waits behind a running purge on
 * the same drive. Its job (GET /v1/jobs/{id}) says where the item went.
 */
export async function finishedJob(taskId: string): Promise<JobStatus> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const job = (await jobsApi.get(taskId)).status;
    if (!isRunning(job) || Date.now() > deadline) return job;
    await sleep(300);
  }
}

/** Restores the items one by one, so each gets its own outcome. */
export async function restoreItems(driveId: string, items: PdsFile[]): Promise<RestoreOutcome[]> {
  const outcomes: RestoreOutcome[] = [];
  for (const item of items) {
    try {
      const answer = await pds.restore(driveId, item.file_id);
      const job = await finishedJob(answer.async_task_id);
      if (job.jobState !== 'COMPLETE' || job.jobStats.failed > 0) {
        const why = job.jobParams.errorMessage ?? (isRunning(job) ? 'It is still waiting behind another job; see Jobs.' : `The job ended ${job.jobState}.`);
        outcomes.push({ fileId: item.file_id, name: item.name, error: why });
        continue;
      }
      const parentId = job.jobParams.restoredParentId ?? 'root';
      outcomes.push({
        fileId: item.file_id,
        name: item.name,
        folderPath: await pathOf(driveId, parentId),
        folderId: parentId,
        restoredName: job.jobParams.restoredName ?? item.name,
      });
    } catch (err) {
      outcomes.push({ fileId: item.file_id, name: item.name, error: describeError(err) });
    }
  }
  return outcomes;
}
