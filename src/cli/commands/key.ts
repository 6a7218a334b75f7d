import { Command } from 'commander';
import { clientCommand, type ConnectionOptions } from '../client/connection-options.js';
import { formatTime, printList } from '../client/format.js';
import { connect } from '../client/sign-in.js';
import type { SalvageClient } from '../client/http-client.js';
import { type PdsAccessKey, resolveUser } from '../client/users.js';
import { printLine } from '../client/escape.js';

const since = (ms: number | null) => (ms === null ? 'never' : formatTime(new Date(ms).toISOString()));

/** The user a key command is about: the one named, or whoever signed in. */
const userOf = (client: SalvageClient, opts: ConnectionOptions, named: string | undefined) => resolveUser(client, named ?? opts.user);

function add(): Command {
  return clientCommand('add', 'make an access key for signed NAS requests (the secret is shown once)')
    .argument('[user]', 'user name or id (default: you)')
    .action(async (named: string | undefined, opts: ConnectionOptions) => {
      const client = await connect(opts);
      const user = await userOf(client, opts, named);
      const key = await client.pds<PdsAccessKey>('user/access_key/create', { user_id: user.user_id });
      printLine(`AccessKeyId:     ${key.access_key_id}`);
      printLine(`AccessKeySecret: ${key.access_key_secret}`);
      printLine(`(for ${user.user_name}; the secret is shown this once: keep it now)`);
    });
}

function ls(): Command {
  return clientCommand('ls', 'list access keys (never their secrets)')
    .argument('[user]', 'user name or id (default: you)')
    .option('--json', 'print the keys as JSON')
    .action(async (named: string | undefined, opts: ConnectionOptions & { json?: boolean }) => {
      const client = await connect(opts);
      const user = await userOf(client, opts, named);
      const { items } = await client.pds<{ items: PdsAccessKey[] }>('user/access_key/list', { user_id: user.user_id });
      printList(
        items,
        opts.json,
        ['ACCESS KEY ID', 'STATUS', 'CREATED', 'LAST USED'],
        (k) => [k.access_key_id, k.status, since(k.created_at), since(k.last_used_at)],
        `no access keys for ${user.user_name} (make one with: salvage key add)`,
      );
    });
}

function setStatus(name: 'disable' | 'enable'): Command {
  const status = name === 'disable' ? 'disabled' : 'enabled';
  return clientCommand(name, name === 'disable' ? 'disable an access key: NAS refuses it at once' : 'enable an access key again')
    .argument('<access-key-id>')
    .action(async (id: string, opts: ConnectionOptions) => {
      const client = await connect(opts);
      await client.pds('user/access_key/update', { access_key_id: id, status });
      printLine(`access key ${id} ${status}`);
    });
}

function rm(): Command {
  return clientCommand('rm', 'delete an access key')
    .argument('<access-key-id>')
    .action(async (id: string, opts: ConnectionOptions) => {
      await (await connect(opts)).pds('user/access_key/delete', { access_key_id: id });
      printLine(`access key ${id} deleted`);
    });
}

/** `salvage key add|ls|disable|enable|rm`: access keys for the NAS dialect. */
export function keyCommand(): Command {
  return new Command('key')
    .description('manage access keys for NAS clients (add, ls, disable, enable, rm)')
    .addCommand(add())
    .addCommand(ls())
    .addCommand(setStatus('disable'))
    .addCommand(setStatus('enable'))
    .addCommand(rm());
}
