/**
 * An error the command line reports as one line on stderr, exiting with `exitCode`.
 * Anything else that escapes a command is reported the same way with exit code 1.
 */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** Exit code for a command stopped by Ctrl-C, as shells report SIGINT (128 + 2). */
export const INTERRUPTED = 130;
