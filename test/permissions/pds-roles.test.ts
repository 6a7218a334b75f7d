import { describe, expect, it } from 'vitest';
import { PDS_OPERATIONS } from '../../src/api/pds/operations.js';
import { testDatabases } from '../support/databases.js';
import { type Json, makeFolder, uploadFile } from '../pds/support/pds-client.js';
import { type Answer, checkCall, type Expected, type Need, type Refusal, refusalFor, type Scope } from './support/rules.js';
import { permissionWorld, type Principal, ROLES, type World } from './support/world.js';

const databases = await testDatabases();

/** One PDS path: what it needs, and a fresh request made for each caller. */
interface PdsCase {
  path: string;
  /** Set where one path has several rules (e.g. drive/update of a quota). */
  variant?: string;
  need: Need;
  scope: Scope;
  request: (w: World, caller: Principal) => Promise<Json>;
  /** The answer, where the path answers in its own way (batch answers each sub-request). */
  answer?: (status: number, body: Json) => Answer;
  /** How the path says "not found" for a stranger, where it is not the drive. */
  hidden?: Expected;
  /** How the path refuses a caller who may not, where it is not ForbiddenNoPermission. */
  forbidden?: Expected;
  /** Answered for a disabled user too (revocation always is, as RFC 7009 has it). */
  disabledAllowed?: true;
}

const file = async (w: World) => uploadFile(w.owner, w.driveId, 'root', w.unique('f'), 'abc');
const trashed = async (w: World): Promise<Json> => {
  const f = await file(w);
  const answer = await w.owner.ok('/v2/recyclebin/trash', { drive_id: w.driveId, file_id: f.file_id }, 202);
  return { ...f, deletion_event_id: answer.deletion_event_id as string };
};
const upload = async (w: World) =>
  w.owner.ok('/v2/file/create', { drive_id: w.driveId, parent_file_id: 'root', name: w.unique('u'), type: 'file', size: 3 }, 201);
/** A drive of the owner's own, shared like the main one, for the calls that end a drive. */
const sharedDrive = async (w: World) => {
  const drive = await w.owner.ok('/v2/drive/create', { drive_name: w.unique('d') }, 201);
  for (const role of ['editor', 'viewer'] as const) {
    await w.owner.ok('/v2/drive/member/add', { drive_id: drive.drive_id, user_id: w.callers[role].userId, role });
  }
  return drive.drive_id as string;
};
/** A user other than every caller, for the calls that act on someone else. */
const someoneElse = async (w: World) => w.admin.ok('/v2/user/create', { user_name: w.unique('other'), password: 'other-password' }, 201);

const d = (w: World) => ({ drive_id: w.driveId });

const CASES: PdsCase[] = [
  { path: '/v2/account/token', need: 'anyone', scope: 'elsewhere', request: async () => ({}) },
  { path: '/v2/account/revoke', need: 'anyone', scope: 'elsewhere', disabledAllowed: true, request: async () => ({}) },
  { path: '/v2/drive/create', need: 'anyone', scope: 'elsewhere', request: async (w) => ({ drive_name: w.unique('mine') }) },
  { path: '/v2/drive/list', need: 'anyone', scope: 'elsewhere', request: async () => ({}) },
  { path: '/v2/drive/get', need: 'viewer', scope: 'drive', request: async (w) => d(w) },
  { path: '/v2/drive/update', need: 'owner', scope: 'drive', request: async (w) => ({ ...d(w), description: w.unique('about') }) },
  { path: '/v2/drive/update', variant: 'total_size', need: 'admin', scope: 'drive', request: async (w) => ({ ...d(w), total_size: 1_000_000_000 + Number(w.unique('').slice(1)) }) },
  { path: '/v2/drive/delete', need: 'owner', scope: 'drive', request: async (w) => ({ drive_id: await sharedDrive(w) }) },
  { path: '/v2/drive/member/add', need: 'owner', scope: 'drive', request: async (w) => ({ ...d(w), user_id: (await someoneElse(w)).user_id, role: 'viewer' }) },
  {
    path: '/v2/drive/member/remove',
    need: 'owner',
    scope: 'drive',
    async request(w) {
      const user = await someoneElse(w);
      await w.owner.ok('/v2/drive/member/add', { ...d(w), user_id: user.user_id, role: 'viewer' });
      return { ...d(w), user_id: user.user_id };
    },
  },
  { path: '/v2/drive/member/list', need: 'viewer', scope: 'drive', request: async (w) => d(w) },
  { path: '/v2/file/create', need: 'editor', scope: 'drive', request: async (w) => ({ ...d(w), parent_file_id: 'root', name: w.unique('new'), type: 'folder' }) },
  {
    path: '/v2/file/get_upload_url',
    need: 'editor',
    scope: 'drive',
    request: async (w) => {
      const u = await upload(w);
      return { ...d(w), file_id: u.file_id, upload_id: u.upload_id, part_info_list: [{ part_number: 1 }] };
    },
  },
  {
    path: '/v2/file/list_uploaded_parts',
    need: 'editor',
    scope: 'drive',
    request: async (w) => {
      const u = await upload(w);
      return { ...d(w), file_id: u.file_id, upload_id: u.upload_id };
    },
  },
  {
    path: '/v2/file/complete',
    need: 'editor',
    scope: 'drive',
    request: async (w) => {
      const u = await upload(w);
      expect((await fetch(u.part_info_list[0].upload_url, { method: 'PUT', body: 'abc' })).status).toBe(200);
      return { ...d(w), file_id: u.file_id, upload_id: u.upload_id };
    },
  },
  { path: '/v2/file/get', need: 'viewer', scope: 'drive', request: async (w) => ({ ...d(w), file_id: (await file(w)).file_id }) },
  { path: '/v2/file/get_by_path', need: 'viewer', scope: 'drive', request: async (w) => ({ ...d(w), file_path: `/${(await file(w)).name}` }) },
  { path: '/v2/file/list', need: 'viewer', scope: 'drive', request: async (w) => ({ ...d(w), parent_file_id: 'root' }) },
  { path: '/v2/file/search', need: 'viewer', scope: 'drive', request: async (w) => ({ ...d(w), query: 'name match "f"' }) },
  { path: '/v2/file/get_download_url', need: 'viewer', scope: 'drive', request: async (w) => ({ ...d(w), file_id: (await file(w)).file_id }) },
  { path: '/v2/file/update', need: 'editor', scope: 'drive', request: async (w) => ({ ...d(w), file_id: (await file(w)).file_id, name: w.unique('renamed') }) },
  {
    path: '/v2/file/move',
    need: 'editor',
    scope: 'drive',
    request: async (w) => ({ ...d(w), file_id: (await file(w)).file_id, to_parent_file_id: (await makeFolder(w.owner, w.driveId, 'root', w.unique('to'))).file_id }),
  },
  { path: '/v2/file/copy', need: 'editor', scope: 'drive', request: async (w) => ({ ...d(w), file_id: (await file(w)).file_id, to_parent_file_id: 'root', new_name: w.unique('copy') }) },
  { path: '/v2/file/delete', need: 'owner', scope: 'drive', request: async (w) => ({ ...d(w), file_id: (await file(w)).file_id }) },
  { path: '/v2/file/delete', variant: 'bin item', need: 'owner', scope: 'drive', request: async (w) => ({ ...d(w), file_id: (await trashed(w)).file_id }) },
  { path: '/v2/recyclebin/trash', need: 'editor', scope: 'drive', request: async (w) => ({ ...d(w), file_id: (await file(w)).file_id }) },
  { path: '/v2/recyclebin/list', need: 'viewer', scope: 'drive', request: async (w) => d(w) },
  { path: '/v2/recyclebin/search_all', need: 'viewer', scope: 'drive', request: async (w) => d(w) },
  { path: '/v2/recyclebin/restore', need: 'editor', scope: 'drive', request: async (w) => ({ ...d(w), file_id: (await trashed(w)).file_id }) },
  { path: '/v2/recyclebin/restore_all', need: 'editor', scope: 'drive', request: async (w) => ({ ...d(w), deletion_event_id: (await trashed(w)).deletion_event_id }) },
  { path: '/v2/recyclebin/delete_all', need: 'owner', scope: 'drive', request: async (w) => ({ ...d(w), deletion_event_id: (await trashed(w)).deletion_event_id }) },
  {
    path: '/v2/recyclebin/clear',
    need: 'owner',
    scope: 'drive',
    async request(w) {
      await trashed(w);
      return d(w);
    },
  },
  {
    path: '/v2/async_task/get',
    need: 'viewer',
    scope: 'drive',
    hidden: { status: 404, code: 'NotFound.AsyncTask' },
    async request(w) {
      const folder = await makeFolder(w.owner, w.driveId, 'root', w.unique('task'));
      const copy = await w.owner.ok('/v2/file/copy', { ...d(w), file_id: folder.file_id, to_parent_file_id: 'root', new_name: w.unique('copied') }, 202);
      return { async_task_id: copy.async_task_id };
    },
  },
  {
    path: '/v2/batch',
    need: 'editor',
    scope: 'drive',
    request: async (w) => ({
      resource: 'file',
      requests: [{ id: '1', method: 'POST', url: '/recyclebin/trash', body: { ...d(w), file_id: (await file(w)).file_id } }],
    }),
    answer: (status, body) => {
      const sub = body.responses?.[0];
      return status === 200 && sub ? { status: sub.status, code: sub.body?.code, text: JSON.stringify(sub) } : { status, code: body.code, text: JSON.stringify(body) };
    },
  },
  { path: '/v2/user/create', need: 'admin', scope: 'elsewhere', request: async (w) => ({ user_name: w.unique('made'), password: 'made-password' }) },
  { path: '/v2/user/get', need: 'admin', scope: 'elsewhere', request: async (w) => ({ user_id: (await someoneElse(w)).user_id }) },
  { path: '/v2/user/get', variant: 'self', need: 'anyone', scope: 'elsewhere', request: async (_w, me) => ({ user_id: me.userId }) },
  { path: '/v2/user/list', need: 'anyone', scope: 'elsewhere', request: async () => ({}) },
  { path: '/v2/user/update', need: 'admin', scope: 'elsewhere', request: async (w) => ({ user_id: (await someoneElse(w)).user_id, nick_name: 'x' }) },
  { path: '/v2/user/update', variant: 'self', need: 'anyone', scope: 'elsewhere', request: async (w, me) => ({ user_id: me.userId, nick_name: w.unique('me') }) },
  { path: '/v2/user/delete', need: 'admin', scope: 'elsewhere', request: async (w) => ({ user_id: (await someoneElse(w)).user_id, drive_policy: 'delete' }) },
  { path: '/v2/user/access_key/create', need: 'admin', scope: 'elsewhere', request: async (w) => ({ user_id: (await someoneElse(w)).user_id }) },
  { path: '/v2/user/access_key/create', variant: 'self', need: 'anyone', scope: 'elsewhere', request: async (_w, me) => ({ user_id: me.userId }) },
  { path: '/v2/user/access_key/list', need: 'admin', scope: 'elsewhere', request: async (w) => ({ user_id: (await someoneElse(w)).user_id }) },
  { path: '/v2/user/access_key/list', variant: 'self', need: 'anyone', scope: 'elsewhere', request: async (_w, me) => ({ user_id: me.userId }) },
  {
    path: '/v2/user/access_key/update',
    need: 'admin',
    scope: 'elsewhere',
    // Another user's key is answered as a missing one: its id tells nothing.
    forbidden: { status: 404, code: 'NotFound.AccessKey' },
    request: async (w) => ({ access_key_id: (await w.admin.ok('/v2/user/access_key/create', { user_id: (await someoneElse(w)).user_id }, 201)).access_key_id, status: 'disabled' }),
  },
  {
    path: '/v2/user/access_key/delete',
    need: 'admin',
    scope: 'elsewhere',
    forbidden: { status: 404, code: 'NotFound.AccessKey' },
    request: async (w) => ({ access_key_id: (await w.admin.ok('/v2/user/access_key/create', { user_id: (await someoneElse(w)).user_id }, 201)).access_key_id }),
  },
];

const PDS_REFUSAL: Record<Refusal, { status: number; code: string }> = {
  hidden: { status: 404, code: 'NotFound.Drive' },
  forbidden: { status: 403, code: 'ForbiddenNoPermission' },
  'signed-out': { status: 401, code: 'AccessTokenInvalid' },
};

/** The sign-in paths take credentials, not a token: each caller signs in and out as themself. */
async function callAs(c: PdsCase, caller: Principal, body: Json, w: World): Promise<{ status: number; body: Json }> {
  if (c.path === '/v2/account/token') {
    const name = caller.role === 'admin' ? 'admin' : (await w.admin.ok('/v2/user/get', { user_id: caller.userId })).user_name;
    return caller.pds.call(c.path, { grant_type: 'password', username: name, password: `${name}-password` });
  }
  if (c.path === '/v2/account/revoke') return caller.pds.call(c.path, { refresh_token: caller.refreshToken });
  return caller.pds.call(c.path, body);
}

describe.each(databases)('every PDS path as each role on %s', (database) => {
  const world = permissionWorld(database);

  it('covers every path the dialect serves', () => {
    const covered = new Set(CASES.map((c) => c.path));
    expect([...Object.keys(PDS_OPERATIONS)].filter((p) => !covered.has(p))).toEqual([]);
  });

  it.each(CASES.map((c) => [c.variant ? `${c.path} (${c.variant})` : c.path, c] as const))('%s', async (label, c) => {
    const w = world();
    for (const role of ROLES) {
      // The sign-in itself is checked for the disabled user below, with its own answer.
      if (role === 'disabled' && c.path === '/v2/account/token') continue;
      const caller = w.callers[role];
      const body = await c.request(w, caller);
      await checkCall(
        w.node,
        {
          label,
          role,
          refusal: role === 'disabled' && c.disabledAllowed ? undefined : refusalFor(role, c.need, c.scope),
          expected: (r) => (r === 'hidden' && c.hidden) || (r === 'forbidden' && c.forbidden) || PDS_REFUSAL[r],
        },
        async () => {
          const res = await callAs(c, caller, body, w);
          return c.answer ? c.answer(res.status, res.body) : { status: res.status, code: res.body.code, text: JSON.stringify(res.body) ?? '' };
        },
      );
      // A revoked sign-in is gone: sign in again for the cases after this one.
      if (c.path === '/v2/account/revoke' && role !== 'disabled') Object.assign(caller, await resignIn(w, caller));
    }
  });

  it('refuses a disabled user a new sign-in as it refuses a wrong password', async () => {
    const w = world();
    const res = await w.callers.disabled.pds.call('/v2/account/token', { grant_type: 'password', username: 'dora', password: 'dora-password' });
    expect(res.status).toBe(400);
  });
});

async function resignIn(w: World, caller: Principal): Promise<Pick<Principal, 'pds' | 'refreshToken'>> {
  const name = caller.role === 'admin' ? 'admin' : (await w.admin.ok('/v2/user/get', { user_id: caller.userId })).user_name;
  const grant = await caller.pds.call('/v2/account/token', { grant_type: 'password', username: name, password: `${name}-password` });
  expect(grant.status).toBe(200);
  caller.pds.accessToken = grant.body.access_token;
  return { pds: caller.pds, refreshToken: grant.body.refresh_token };
}
