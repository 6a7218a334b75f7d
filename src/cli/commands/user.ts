import { Command, InvalidArgumentError, Option } from 'commander';
import { clientCommand, type ConnectionOptions } from '../client/connection-options.js';
import { formatTime, printList } from '../client/format.js';
import { connect } from '../client/sign-in.js';
import { type PdsUser, listUsers, resolveUser } from '../client/users.js';
import { printLine } from '../client/escape.js';

const role = (text: string): 'admin' | 'user' => {
  if (text !== 'admin' && text !== 'user') throw new InvalidArgumentError('expected admin or user');
  return text;
};

// `--password` signs the caller in (every client command takes it), so the user's own
// password travels as `--user-password`.
const userPassword = () => new Option('--user-password <password>', "the user's password (8 to 1024 characters)");

const describe = (u: PdsUser) => `${u.user_name} (${u.user_id}, ${u.role}, ${u.status})`;
const since = (ms: number | null) => (ms === null ? '-' : formatTime(new Date(ms).toISOString()));

function add(): Command {
  return clientCommand('add', 'add a user, with their default drive (admin)')
    .argument('<name>', 'user name: 1-64 of A-Z a-z 0-9 . _ @ -')
    .addOption(userPassword())
    .option('--nick <nick-name>', 'nick name')
    .option('--email <address>', 'email address')
    .addOption(new Option('--role <role>', 'admin or user').default('user').argParser(role))
    .option('--disabled', 'create the user disabled')
    .action(async (name: string, opts: ConnectionOptions & { userPassword?: string; nick?: string; email?: string; role: string; disabled?: boolean }) => {
      const client = await connect(opts);
      const made = await client.pds<PdsUser>('user/create', {
        user_name: name,
        role: opts.role,
        ...(opts.userPassword !== undefined && { password: opts.userPassword }),
        ...(opts.nick !== undefined && { nick_name: opts.nick }),
        ...(opts.email !== undefined && { email: opts.email }),
        ...(opts.disabled && { status: 'disabled' }),
      });
      printLine(`created user ${describe(made)}, default drive ${made.default_drive_id}`);
    });
}

function ls(): Command {
  return clientCommand('ls', 'list users (admin: everyone; others: themself)')
    .option('--json', 'print the users as JSON')
    .action(async (opts: ConnectionOptions & { json?: boolean }) => {
      const users = await listUsers(await connect(opts));
      printList(
        users,
        opts.json,
        ['ID', 'ROLE', 'STATUS', 'DEFAULT DRIVE', 'CREATED', 'NAME'],
        (u) => [u.user_id, u.role, u.status, u.default_drive_id || '-', since(u.created_at), u.nick_name ? `${u.user_name} (${u.nick_name})` : u.user_name],
        'no users',
      );
    });
}

function set(): Command {
  return clientCommand('set', "change a user: nick name, email, role, status or password")
    .argument('<user>', 'user name or id')
    .option('--nick <nick-name>', 'nick name')
    .option('--email <address>', 'email address (admin)')
    .addOption(new Option('--role <role>', 'admin or user (admin)').argParser(role))
    .option('--enable', 'enable the user (admin)')
    .option('--disable', 'disable the user: signed out everywhere, keys refused (admin)')
    .addOption(userPassword())
    .option('--old-password <password>', 'your current password, to change your own')
    .action(
      async (
        who: string,
        opts: ConnectionOptions & { nick?: string; email?: string; role?: string; enable?: boolean; disable?: boolean; userPassword?: string; oldPassword?: string },
      ) => {
        if (opts.enable && opts.disable) throw new InvalidArgumentError('--enable and --disable exclude each other');
        const client = await connect(opts);
        const user = await resolveUser(client, who);
        const changed = await client.pds<PdsUser>('user/update', {
          user_id: user.user_id,
          ...(opts.nick !== undefined && { nick_name: opts.nick }),
          ...(opts.email !== undefined && { email: opts.email }),
          ...(opts.role !== undefined && { role: opts.role }),
          ...(opts.enable && { status: 'enabled' }),
          ...(opts.disable && { status: 'disabled' }),
          ...(opts.userPassword !== undefined && { password: opts.userPassword }),
          ...(opts.oldPassword !== undefined && { old_password: opts.oldPassword }),
        });
        printLine(`updated user ${describe(changed)}`);
      },
    );
}

function rm(): Command {
  return clientCommand('rm', 'delete a user (admin); refused while they own drives, unless told what to do with them')
    .argument('<user>', 'user name or id')
    .option('--transfer-to <user>', 'give their drives to this user (name or id)')
    .option('--delete-drives', 'delete their drives with them')
    .action(async (who: string, opts: ConnectionOptions & { transferTo?: string; deleteDrives?: boolean }) => {
      if (opts.transferTo !== undefined && opts.deleteDrives) throw new InvalidArgumentError('--transfer-to and --delete-drives exclude each other');
      const client = await connect(opts);
      const user = await resolveUser(client, who);
      const heir = opts.transferTo === undefined ? undefined : await resolveUser(client, opts.transferTo);
      await client.pds('user/delete', {
        user_id: user.user_id,
        ...(heir && { drive_policy: 'transfer', transfer_to_user_id: heir.user_id }),
        ...(opts.deleteDrives && { drive_policy: 'delete' }),
      });
      const drives = heir ? `, drives given to ${heir.user_name}` : opts.deleteDrives ? ', drives deleted' : '';
      printLine(`deleted user ${user.user_name} (${user.user_id})${drives}`);
    });
}

/** `salvage user add|ls|set|rm`: the team's users, over the PDS user API. */
export function userCommand(): Command {
  return new Command('user').description('manage users (add, ls, set, rm)').addCommand(add()).addCommand(ls()).addCommand(set()).addCommand(rm());
}
