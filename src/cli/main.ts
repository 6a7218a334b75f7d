import { Command } from 'commander';
import { serve } from './serve.js';

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
  .action(async (opts) => serve(opts));

program.parseAsync(process.argv).catch((err: unknown) => {
  process.stderr.write(`salvage: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
