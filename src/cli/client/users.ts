import { CliError } from './cli-error.js';
import type { SalvageClient } from './http-client.js';
import { allPages } from './pages.js';

/** A user as `/v2/user/*` answers. */
export interface PdsUser {
  user_id: string;
  user_name: string;
  nick_name: string;
  email: string;
  role: 'admin' | 'user';
  status: 'enabled' | 'disabled';
  default_drive_id: string;
  created_at: number;
}

/** An access key as `/v2/user/access_key/*` answers (the secret only at create). */
export interface PdsAccessKey {
  access_key_id: string;
  access_key_secret?: string;
  user_id: string;
  status: 'enabled' | 'disabled';
  created_at: number;
  last_used_at: number | null;
}

/** Every user an admin sees; anyone else sees themself only. */
export const listUsers = (client: SalvageClient): Promise<PdsUser[]> =>
  allPages((marker) => client.pds('user/list', { limit: 100, marker }));

/** A user named by id or by user name (names are unique, ids win). */
export async function resolveUser(client: SalvageClient, idOrName: string): Promise<PdsUser> {
  const users = await listUsers(client);
  const found = users.find((u) => u.user_id === idOrName) ?? users.find((u) => u.user_name === idOrName);
  if (!found) throw new CliError(`no user named '${idOrName}' or with that id (see: salvage user ls)`);
  return found;
}
