import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Command, Option } from 'commander';
import { CliError } from './cli-error.js';

/** What every client command is told about the server and who to sign in as. */
export interface ConnectionOptions {
  url: string;
  user: string;
  password?: string;
  dataDir: string;
}

/**
 * A client command with the connection options every one of them takes. Environment
 * variables go through commander's `.env()` so `--help` shows them next to the flag.
 */
export function clientCommand(name: string, description: string): Command {
  return new Command(name)
    .description(description)
    .addOption(new Option('--url <url>', 'the Salvage server').env('SALVAGE_URL').default('http://127.0.0.1:8080'))
    .addOption(new Option('--user <name>', 'user to sign in as').env('SALVAGE_USER').default('admin'))
    .addOption(new Option('--password <password>', "the user's password").env('SALVAGE_PASSWORD'))
    .addOption(
      new Option('--data-dir <dir>', "the server's data directory, for the admin password it keeps")
        .env('SALVAGE_DATA_DIR')
        .default('./data'),
    );
}

/**
 * The password to sign in with: the flag or SALVAGE_PASSWORD; for admin on the server's own
 * machine, the one `salvage serve` kept in `<data-dir>/admin-credentials.json`, so a fresh
 * install works without copying the printed password around.
 */
export async function passwordOf(opts: ConnectionOptions): Promise<string> {
  if (opts.password) return opts.password;
  const file = join(resolve(opts.dataDir), 'admin-credentials.json');
  if (opts.user === 'admin') {
    const kept = await readKeptPassword(file);
    if (kept) return kept;
  }
  throw new CliError(
    `no password for user '${opts.user}': pass --password or set SALVAGE_PASSWORD` +
      (opts.user === 'admin' ? ` (${file} is not readable)` : ''),
  );
}

async function readKeptPassword(file: string): Promise<string | undefined> {
  try {
    const kept = JSON.parse(await readFile(file, 'utf8')) as { password?: unknown };
    return typeof kept.password === 'string' && kept.password !== '' ? kept.password : undefined;
  } catch {
    // Missing, unreadable (mode 0600, another user) or not JSON: the caller says what to do.
    return undefined;
  }
}
