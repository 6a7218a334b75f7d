/**
 * The exit codes of every client command (docs/cli.md lists them). A script can tell a
 * refusal from a typo and from a server it could not reach.
 */
export const EXIT = {
  /** Done. */
  ok: 0,
  /** Refused or failed: the server said no, nothing by that name, a job that failed, an answer of no. */
  failed: 1,
  /** Bad usage: an unknown option, a missing or invalid argument, a confirmation not given. */
  usage: 2,
  /** The server could not be reached (refused, reset, unknown host, timed out). */
  unreachable: 3,
  /** Stopped by Ctrl-C, as shells report SIGINT (128 + 2). */
  interrupted: 130,
} as const;

/**
 * An error the command line reports as one line on stderr, exiting with `exitCode`.
 * Anything else that escapes a command is reported the same way with exit code 1.
 */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.failed,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** Exit code for a command stopped by Ctrl-C. */
export const INTERRUPTED = EXIT.interrupted;

/** A usage error found by a command itself (two options that exclude each other, say). */
export const usageError = (message: string): CliError => new CliError(message, EXIT.usage);
