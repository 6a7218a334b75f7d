import { setTimeout as sleep } from 'node:timers/promises';
import { CliError, INTERRUPTED } from './cli-error.js';
import type { SalvageClient } from './http-client.js';
import { cancelJob } from './jobs.js';
import { interactive, progressBar } from './progress.js';
import type { PdsTask } from './wire-types.js';
import { printLine, noteLine } from './escape.js';

/** Often enough that a small job feels instant, rarely enough to be no load on the server. */
const POLL_MS = 200;
/** Without a bar, a line of progress at most this often, so logs stay short. */
const PLAIN_LINE_MS = 2_000;

/**
 * Polls a PDS async task until it ends, drawing a bar of consumed_process/total_process.
 * Ctrl-C asks the server to cancel the job (the task id is the Jobs API job id) and exits
 * non-zero: leaving a purge running behind the user's back is not what Ctrl-C means.
 */
export async function waitForTask(client: SalvageClient, taskId: string, label: string): Promise<PdsTask> {
  const interrupt = new AbortController();
  let interrupts = 0;
  const onSigint = () => {
    // A second Ctrl-C while the cancel request hangs (server gone) leaves at once.
    if (++interrupts > 1) process.exit(INTERRUPTED);
    interrupt.abort();
  };
  // Listen before saying so: a Ctrl-C the moment the line appears must already cancel.
  process.on('SIGINT', onSigint);
  noteLine(`waiting for job ${taskId} (Ctrl-C cancels it)`);
  const bar = progressBar(label, 'entries');
  let lastLine = 0;
  let lastValue = -1;
  try {
    for (;;) {
      const task = await client.pds<PdsTask>('async_task/get', { async_task_id: taskId }, interrupt.signal);
      bar.update(task.consumed_process, task.total_process);
      if (task.state !== 'Running') return task;
      if (!interactive() && task.consumed_process !== lastValue && Date.now() - lastLine >= PLAIN_LINE_MS) {
        noteLine(`job ${taskId}: ${task.consumed_process} of ${task.total_process}`);
        lastLine = Date.now();
        lastValue = task.consumed_process;
      }
      await sleep(POLL_MS, undefined, { signal: interrupt.signal });
    }
  } catch (err) {
    if (!interrupt.signal.aborted) throw err;
    throw await cancelOnInterrupt(client, taskId);
  } finally {
    bar.stop();
    process.off('SIGINT', onSigint);
  }
}

async function cancelOnInterrupt(client: SalvageClient, taskId: string): Promise<CliError> {
  try {
    const status = await cancelJob(client, taskId);
    return new CliError(`interrupted: asked the server to cancel job ${taskId} (now ${status.jobState})`, INTERRUPTED);
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    return new CliError(`interrupted: could not cancel job ${taskId}: ${why}`, INTERRUPTED);
  }
}

/** A task that did not fully succeed is an error, with the server's reason. */
export function requireSuccess(task: PdsTask): PdsTask {
  const id = task.async_task_id;
  const reason = task.error_message ? `: ${task.error_code ? `${task.error_code}: ` : ''}${task.error_message}` : '';
  switch (task.state) {
    case 'Succeed':
      return task;
    case 'PartialSucceed':
      throw new CliError(`job ${id} finished only in part (${task.consumed_process} of ${task.total_process})${reason}`);
    case 'Cancelled':
      throw new CliError(`job ${id} was cancelled${reason}`);
    default:
      throw new CliError(`job ${id} failed${reason}`);
  }
}

/** What `--no-wait` prints instead of a bar. */
export function reportStarted(what: string, taskId: string): void {
  printLine(`${what}: job ${taskId} (follow it with: salvage jobs; stop it with: salvage cancel ${taskId})`);
}
