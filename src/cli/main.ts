import { Command, CommanderError } from 'commander';
import { CliError, EXIT } from './client/cli-error.js';
import { escapeControls } from './client/escape.js';
import { binCommand } from './commands/bin.js';
import { cancelCommand } from './commands/cancel.js';
import { driveCreateCommand } from './commands/drive-create.js';
import { driveDeleteCommand } from './commands/drive-delete.js';
import { drivesCommand } from './commands/drives.js';
import { emptyBinCommand } from './commands/empty-bin.js';
import { getCommand } from './commands/get.js';
import { jobsCommand } from './commands/jobs.js';
import { auditCommand } from './commands/audit.js';
import { keyCommand } from './commands/key.js';
import { lockCommand } from './commands/lock.js';
import { memberCommand } from './commands/member.js';
import { lsCommand } from './commands/ls.js';
import { mkdirCommand } from './commands/mkdir.js';
import { purgeCommand } from './commands/purge.js';
import { putCommand } from './commands/put.js';
import { restoreCommand } from './commands/restore.js';
import { trashCommand } from './commands/trash.js';
import { undoCommand } from './commands/undo.js';
import { userCommand } from './commands/user.js';
import { PACKAGE_VERSION } from '../shared/package-root.js';

/** Every failure ends here: one line on stderr, never a stack trace, and its exit code. */
function fail(err: unknown): never {
  if (err instanceof CommanderError) {
    // Commander has printed its one line (or the help); a usage error is exit code 2.
    process.exit(err.exitCode === 0 ? EXIT.ok : EXIT.usage);
  }
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(`salvage: ${escapeControls(message)}\n`);
  process.exit(err instanceof CliError ? err.exitCode : EXIT.failed);
}

/** Set by `serve`: a node outlives its own output (stdout a file on a full disk, a closed pipe). */
let outputIsBestEffort = false;

// Output piped into `head` that has read enough: stop quietly, as other tools do. A node
// never stops for its output: its logger and banner already treat writes as best effort.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (outputIsBestEffort) return;
    if (err.code === 'EPIPE') process.exit(EXIT.ok);
    fail(err);
  });
}
process.on('uncaughtException', fail);
process.on('unhandledRejection', fail);

const program = new Command()
  .name('salvage')
  .description('Salvage: file storage with a recycle bin you can trust.')
  .version(PACKAGE_VERSION, '-V, --version', 'print the version of salvage');

program
  .command('serve')
  .description('run a Salvage node (HTTP server and job engine)')
  .option('--port <port>', 'port to listen on (env PORT, default 8080)')
  .option('--host <host>', 'address to listen on (env HOST, default 127.0.0.1)')
  .option('--data-dir <dir>', 'where the database and contents live (env SALVAGE_DATA_DIR, default ./data)')
  .option('--database-url <url>', 'SQLite file or postgres:// URL (env SALVAGE_DATABASE_URL)')
  .option('--in-memory', 'a throwaway server: database and contents in a temporary folder removed on exit')
  .option('--seed <file>', 'load users, drives, trees and bin items from a JSON file at start (docs/in-memory.md)')
  .option('--test-hooks', 'enable POST /_salvage/clock to move the server clock (tests only)')
  // Loaded on use: the server pulls in fastify, kysely and the database drivers, which would
  // triple the start-up time of every client command.
  .action(async (opts) => {
    outputIsBestEffort = true;
    return (await import('./serve.js')).serve(opts);
  });

// The client commands talk to a running server over HTTP; none of them opens the database.
for (const command of [
  drivesCommand,
  driveCreateCommand,
  driveDeleteCommand,
  lsCommand,
  mkdirCommand,
  putCommand,
  getCommand,
  trashCommand,
  binCommand,
  restoreCommand,
  undoCommand,
  purgeCommand,
  emptyBinCommand,
  jobsCommand,
  cancelCommand,
  auditCommand,
  userCommand,
  keyCommand,
  memberCommand,
  lockCommand,
]) {
  program.addCommand(command());
}

/** Commander exits by itself on a usage error; thrown instead, `fail` gives it exit code 2. */
function throwInsteadOfExit(command: Command): void {
  command.exitOverride();
  command.commands.forEach(throwInsteadOfExit);
}
throwInsteadOfExit(program);

program.parseAsync(process.argv).catch(fail);
