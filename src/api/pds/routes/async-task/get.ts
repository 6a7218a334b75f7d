import { fields } from '../../fields.js';
import { userOperation } from '../../operation.js';
import { renderTask } from '../../render/task.js';

/** POST /v2/async_task/get: state and progress of a restore, delete or clear task. */
export const getAsyncTask = userOperation({
  parse: (body) => ({ taskId: fields.requiredString(body, 'async_task_id', { maxLength: 128 }) }),
  // An id that is not a task number names no task: NotFound.AsyncTask, like any unknown id.
  run: ({ salvage, actor }, input) => salvage.jobs.get(actor, input.taskId),
  // Polled by every client that waits for a task: the token is checked in the job's read.
  runWithToken: async ({ salvage }, accessToken, input) => {
    const { actor, job } = await salvage.jobs.getForToken(accessToken, input.taskId);
    return { actor, result: job };
  },
  render: (job) => ({ status: 200, body: renderTask(job) }),
});
