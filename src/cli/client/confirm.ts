import { createInterface } from 'node:readline';
import { Option } from 'commander';
import { CliError, EXIT } from './cli-error.js';
import { escapeControls } from './escape.js';

/** `--yes` on the commands that delete for good. */
export const yesOption = (): Option => new Option('-y, --yes', 'do it without asking (needed when stdin is not a terminal)');

export interface YesOption {
  yes?: boolean;
}

/**
 * Asks `question` at a terminal and goes on only on `y` or `yes`. Without a terminal
 * (a script, a pipe, cron) nobody can answer, and deleting for good on a guess is the one
 * mistake Salvage exists to prevent: the command refuses, exit code 2, saying to pass --yes.
 */
export async function confirm(question: string, what: string, opts: YesOption): Promise<void> {
  if (opts.yes) return;
  if (!process.stdin.isTTY) {
    throw new CliError(`${what}: not done, since stdin is not a terminal to ask at; pass --yes to confirm`, EXIT.usage);
  }
  const answer = await ask(`${escapeControls(question)} [y/N] `);
  if (answer === undefined) throw new CliError('interrupted: nothing was deleted', EXIT.interrupted);
  if (!/^y(es)?$/i.test(answer.trim())) throw new CliError('not confirmed: nothing was deleted');
}

/** One line from the terminal; undefined on Ctrl-C or Ctrl-D. The prompt goes to stderr. */
function ask(prompt: string): Promise<string | undefined> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  return new Promise((resolve) => {
    let answered = false;
    rl.on('SIGINT', () => rl.close());
    rl.on('close', () => {
      if (!answered) process.stderr.write('\n');
      resolve(undefined);
    });
    rl.question(prompt, (line) => {
      answered = true;
      resolve(line);
      rl.close();
    });
  });
}
