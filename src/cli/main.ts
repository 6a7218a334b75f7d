import { Command } from 'commander';
import { CliError } from './client/cli-error.js';
import { binCommand } from './commands/bin.js';
import { cancelCommand } from './commands/cancel.js';
import { driveCreateCommand } from './commands/drive-create.js';
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

const program = new Command()
  .name('salvage')
  .description('Salvage: file storage with a recycle bin you can trust.');

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
  .action(async (opts) => (await import('./serve.js')).serve(opts));

// The client commands talk to a running server over HTTP; none of them opens the database.
for (const command of [
  drivesCommand,
  driveCreateCommand,
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

program.parseAsync(process.argv).catch((err: unknown) => {
  process.stderr.write(`salvage: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(err instanceof CliError ? err.exitCode : 1);
});
