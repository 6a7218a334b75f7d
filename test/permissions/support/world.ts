import { afterAll, beforeAll } from 'vitest';
import type { TestDatabase } from '../../support/databases.js';
import { startTestNode, type TestNode } from '../../support/node.js';
import { JobsClient, signedIn } from '../../jobs/support/jobs-client.js';
import { ADMIN_KEY_ID, ADMIN_KEY_SECRET } from '../../nas/support/clients.js';
import { type Json, PdsClient, signIn } from '../../pds/support/pds-client.js';

/** Who calls: the admin, the shared drive's owner, its members, someone else, a disabled member. */
export const ROLES = ['admin', 'owner', 'editor', 'viewer', 'stranger', 'disabled'] as const;
export type Role = (typeof ROLES)[number];

/** One caller, signed in every way a dialect takes. */
export interface Principal {
  role: Role;
  userId: string;
  pds: PdsClient;
  nas: { keyId: string; secret: string };
  jobs: JobsClient;
  /** The refresh token of the PDS sign-in. */
  refreshToken: string;
}

/** The node, the callers, and the drive the owner shares with the editor and the viewer. */
export interface World {
  node: TestNode;
  driveId: string;
  callers: Record<Role, Principal>;
  /** The owner's client, for making what a case acts on. */
  owner: PdsClient;
  admin: PdsClient;
  /** A fresh name each call, so cases never collide. */
  unique(prefix: string): string;
}

const USERS: Record<Exclude<Role, 'admin'>, { name: string; member?: 'editor' | 'viewer' }> = {
  owner: { name: 'olga' },
  editor: { name: 'eddie', member: 'editor' },
  viewer: { name: 'vera', member: 'viewer' },
  stranger: { name: 'stan' },
  disabled: { name: 'dora', member: 'editor' },
};

const passwordOf = (name: string) => `${name}-password`;

/**
 * Starts a node and sets up the world through the API itself: users made by the admin,
 * each signed in (PDS token, NAS access key, Jobs session), the owner's default drive
 * shared with the editor, the viewer and the disabled user, who is disabled last, after
 * signing in, so their credentials are live ones that must stop working.
 */
export function permissionWorld(database: TestDatabase): () => World {
  let world: World | undefined;
  beforeAll(async () => {
    // Jobs stay queued, so what a refused call could have changed holds still around it.
    const node = await startTestNode({ database, jobConcurrency: 0, userDriveLimit: 1_000 });
    const admin = await signIn(node);
    const callers = {} as Record<Role, Principal>;
    callers.admin = await principal(node, 'admin', 'admin', 'admin-password', { keyId: ADMIN_KEY_ID, secret: ADMIN_KEY_SECRET });
    const users: Record<string, Json> = {};
    for (const [role, { name }] of Object.entries(USERS) as [Exclude<Role, 'admin'>, (typeof USERS)['owner']][]) {
      users[role] = await admin.ok('/v2/user/create', { user_name: name, password: passwordOf(name), role: 'user' }, 201);
      const key = await admin.ok('/v2/user/access_key/create', { user_id: users[role]!.user_id }, 201);
      callers[role] = await principal(node, role, name, passwordOf(name), { keyId: key.access_key_id, secret: key.access_key_secret });
    }
    const driveId = users.owner!.default_drive_id as string;
    for (const [role, { member }] of Object.entries(USERS)) {
      if (member) await callers.owner.pds.ok('/v2/drive/member/add', { drive_id: driveId, user_id: users[role]!.user_id, role: member });
    }
    await admin.ok('/v2/user/update', { user_id: users.disabled!.user_id, status: 'disabled' });
    let n = 0;
    world = { node, driveId, callers, owner: callers.owner.pds, admin, unique: (prefix) => `${prefix}-${++n}` };
  });
  afterAll(async () => world?.node.destroy());
  return () => {
    if (!world) throw new Error('the permission world is not set up');
    return world;
  };
}

async function principal(node: TestNode, role: Role, name: string, password: string, nas: Principal['nas']): Promise<Principal> {
  const grant = await new PdsClient(node.url).call('/v2/account/token', { grant_type: 'password', username: name, password });
  if (grant.status !== 200) throw new Error(`${name} cannot sign in: ${JSON.stringify(grant.body)}`);
  return {
    role,
    userId: grant.body.user_id,
    pds: new PdsClient(node.url, grant.body.access_token),
    refreshToken: grant.body.refresh_token,
    nas,
    jobs: await signedIn(node.url, name, password),
  };
}
