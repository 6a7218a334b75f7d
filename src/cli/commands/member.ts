import { Command, InvalidArgumentError, Option } from 'commander';
import { CliError } from '../client/cli-error.js';
import { clientCommand, type ConnectionOptions } from '../client/connection-options.js';
import { resolveDrive } from '../client/drives.js';
import { formatTime, printList } from '../client/format.js';
import type { SalvageClient } from '../client/http-client.js';
import { connect } from '../client/sign-in.js';
import { type PdsUser, listUsers } from '../client/users.js';
import { printLine } from '../client/escape.js';

/** A drive's member as `/v2/drive/member/*` answers. */
interface PdsMember {
  user_id: string;
  user_name: string;
  nick_name: string;
  role: 'owner' | 'editor' | 'viewer';
  added_at: number;
}

const memberRole = (text: string): 'viewer' | 'editor' => {
  if (text !== 'viewer' && text !== 'editor') throw new InvalidArgumentError('expected viewer or editor');
  return text;
};

const USER_ID = /^u-[0-9a-f]{16}$/;

/**
 * The user to share with, by name or id. Only admins can list users; anyone else names
 * the user by id (their `salvage user ls` shows it), which the server checks.
 */
async function userToAdd(client: SalvageClient, idOrName: string): Promise<{ user_id: string; user_name: string }> {
  const users: PdsUser[] = await listUsers(client);
  const found = users.find((u) => u.user_id === idOrName) ?? users.find((u) => u.user_name === idOrName);
  if (found) return found;
  if (USER_ID.test(idOrName)) return { user_id: idOrName, user_name: idOrName };
  throw new CliError(`no user named '${idOrName}' (only an admin can look users up by name; give the user's id)`);
}

const members = (client: SalvageClient, driveId: string) => client.pds<{ items: PdsMember[] }>('drive/member/list', { drive_id: driveId });

function add(): Command {
  return clientCommand('add', "share a drive with a user, or change a member's role (the drive's owner or an admin)")
    .argument('<drive>', 'drive name or id')
    .argument('<user>', 'user name or id')
    .addOption(new Option('--role <role>', 'viewer or editor').default('viewer').argParser(memberRole))
    .action(async (driveArg: string, who: string, opts: ConnectionOptions & { role: string }) => {
      const client = await connect(opts);
      const drive = await resolveDrive(client, driveArg);
      const user = await userToAdd(client, who);
      const member = await client.pds<PdsMember>('drive/member/add', { drive_id: drive.drive_id, user_id: user.user_id, role: opts.role });
      printLine(`${member.user_name} (${member.user_id}) is now ${member.role} of drive '${drive.drive_name}'`);
    });
}

function rm(): Command {
  return clientCommand('rm', 'take a member off a drive (the owner or an admin; a member may remove themself)')
    .argument('<drive>', 'drive name or id')
    .argument('<user>', 'member name or id')
    .action(async (driveArg: string, who: string, opts: ConnectionOptions) => {
      const client = await connect(opts);
      const drive = await resolveDrive(client, driveArg);
      // Members are looked up among the drive's own, which any member may list.
      const { items } = await members(client, drive.drive_id);
      const member = items.find((m) => m.user_id === who) ?? items.find((m) => m.user_name === who);
      if (!member) throw new CliError(`'${who}' is not a member of drive '${drive.drive_name}' (see: salvage member ls ${driveArg})`);
      await client.pds('drive/member/remove', { drive_id: drive.drive_id, user_id: member.user_id });
      printLine(`${member.user_name} removed from drive '${drive.drive_name}'`);
    });
}

function ls(): Command {
  return clientCommand('ls', "list a drive's owner and members")
    .argument('<drive>', 'drive name or id')
    .option('--json', 'print the members as JSON')
    .action(async (driveArg: string, opts: ConnectionOptions & { json?: boolean }) => {
      const client = await connect(opts);
      const drive = await resolveDrive(client, driveArg);
      const { items } = await members(client, drive.drive_id);
      printList(
        items,
        opts.json,
        ['ID', 'ROLE', 'ADDED', 'NAME'],
        (m) => [m.user_id, m.role, formatTime(new Date(m.added_at).toISOString()), m.nick_name ? `${m.user_name} (${m.nick_name})` : m.user_name],
        'no members',
      );
    });
}

/** `salvage member add|rm|ls <drive>`: who a drive is shared with, over the PDS member API. */
export function memberCommand(): Command {
  return new Command('member').description("manage a drive's members (add, rm, ls)").addCommand(add()).addCommand(rm()).addCommand(ls());
}
