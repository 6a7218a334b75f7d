import { Option } from 'commander';

/** `--no-wait` on the commands that start a job; waiting (with a bar) is the default. */
export const noWaitOption = (): Option => new Option('--no-wait', 'start the job and return without waiting for it');

export interface WaitOption {
  wait: boolean;
}
