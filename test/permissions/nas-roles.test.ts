import { describe, expect, it } from 'vitest';
import { rawNas } from '../nas/support/raw.js';
import { NAS_ACTIONS, type NasAction } from '../nas/support/actions.js';
import { testDatabases } from '../support/databases.js';
import { uploadFile } from '../pds/support/pds-client.js';
import { checkCall, type Expected, type Need, type Refusal, refusalFor, type Scope } from './support/rules.js';
import { permissionWorld, type Principal, ROLES, type World } from './support/world.js';

const databases = await testDatabases();

/** One NAS action: what it needs, and fresh parameters made for each caller. */
interface NasCase {
  action: NasAction;
  need: Need;
  scope: Scope;
  params: (w: World, caller: Principal) => Promise<Record<string, string>>;
  hidden?: { status: number; code: string };
}

/** A drive of the owner's own, shared like the main one, for the calls that change a whole bin or drive. */
const sharedDrive = async (w: World, opts: { binEnabled: boolean }) => {
  const drive = await w.owner.ok('/v2/drive/create', { drive_name: w.unique('d') }, 201);
  for (const role of ['editor', 'viewer'] as const) {
    await w.owner.ok('/v2/drive/member/add', { drive_id: drive.drive_id, user_id: w.callers[role].userId, role });
  }
  const owner = w.callers.owner.nas;
  const attribute = await rawNas(w.node, { action: 'GetRecycleBinAttribute', params: { FileSystemId: drive.drive_id }, ...owner });
  const enabled = (attribute.json.RecycleBinAttribute as { Status?: string } | undefined)?.Status === 'Enable';
  if (enabled !== opts.binEnabled) {
    const action = opts.binEnabled ? 'EnableRecycleBin' : 'DisableAndCleanRecycleBin';
    expect((await rawNas(w.node, { action, params: { FileSystemId: drive.drive_id }, ...owner })).status).toBe(200);
  }
  return drive.drive_id as string;
};

/**
 * A file in the bin of a fresh shared drive: NAS runs one job at a time per file system,
 * and in this world jobs stay queued, so each call that makes a job gets its own.
 */
const trashedFile = async (w: World) => {
  const driveId = await sharedDrive(w, { binEnabled: true });
  const f = await uploadFile(w.owner, driveId, 'root', w.unique('f'), 'abc');
  await w.owner.ok('/v2/recyclebin/trash', { drive_id: driveId, file_id: f.file_id }, 202);
  return { FileSystemId: driveId, FileId: f.file_id as string };
};

const fs = (w: World) => ({ FileSystemId: w.driveId });

const CASES: NasCase[] = [
  { action: 'CreateFileSystem', need: 'anyone', scope: 'elsewhere', params: async () => ({ ProtocolType: 'NFS', StorageType: 'Performance' }) },
  { action: 'DescribeFileSystems', need: 'anyone', scope: 'elsewhere', params: async () => ({}) },
  { action: 'DeleteFileSystem', need: 'owner', scope: 'drive', params: async (w) => ({ FileSystemId: await sharedDrive(w, { binEnabled: true }) }) },
  { action: 'ListDirectoriesAndFiles', need: 'viewer', scope: 'drive', params: async (w) => ({ ...fs(w), Path: '/', StorageType: 'All' }) },
  { action: 'EnableRecycleBin', need: 'owner', scope: 'drive', params: async (w) => ({ FileSystemId: await sharedDrive(w, { binEnabled: false }) }) },
  { action: 'GetRecycleBinAttribute', need: 'viewer', scope: 'drive', params: async (w) => fs(w) },
  { action: 'UpdateRecycleBinAttribute', need: 'owner', scope: 'drive', params: async (w) => ({ ...fs(w), ReservedDays: String(10 + Number(w.unique('').slice(1)) % 100) }) },
  { action: 'DisableAndCleanRecycleBin', need: 'owner', scope: 'drive', params: async (w) => ({ FileSystemId: await sharedDrive(w, { binEnabled: true }) }) },
  { action: 'ListRecentlyRecycledDirectories', need: 'viewer', scope: 'drive', params: async (w) => fs(w) },
  { action: 'ListRecycledDirectoriesAndFiles', need: 'viewer', scope: 'drive', params: async (w) => ({ ...fs(w), FileId: 'root' }) },
  { action: 'CreateRecycleBinRestoreJob', need: 'editor', scope: 'drive', params: async (w) => ({ ...(await trashedFile(w)), TargetFileId: 'root' }) },
  { action: 'CreateRecycleBinDeleteJob', need: 'owner', scope: 'drive', params: async (w) => trashedFile(w) },
  { action: 'ListRecycleBinJobs', need: 'viewer', scope: 'drive', params: async (w) => fs(w) },
  {
    // A delete job (a restore of one file is done before the answer; a delete job waits
    // queued in this world): cancelling it is the owner's, as starting it is.
    action: 'CancelRecycleBinJob',
    need: 'owner',
    scope: 'drive',
    hidden: { status: 404, code: 'InvalidJobId.NotFound' },
    async params(w) {
      const owner = w.callers.owner.nas;
      const job = await rawNas(w.node, { action: 'CreateRecycleBinDeleteJob', params: await trashedFile(w), ...owner });
      expect(job.status, job.text).toBe(200);
      return { JobId: String(job.json.JobId) };
    },
  },
];

const NAS_REFUSAL: Record<Refusal, Expected[]> = {
  hidden: [{ status: 404, code: 'InvalidFileSystem.NotFound' }],
  forbidden: [{ status: 403, code: 'OperationDenied.NoPermission' }],
  // A disabled user's key is refused exactly as an unknown one, and, as an unknown key is,
  // throttled once it has failed 10 times in the window.
  'signed-out': [
    { status: 404, code: 'InvalidAccessKeyId.NotFound' },
    { status: 429, code: 'Throttling.User' },
  ],
};

describe.each(databases)('every NAS action as each role on %s', (database) => {
  const world = permissionWorld(database);

  it('covers every action the dialect serves', () => {
    expect(NAS_ACTIONS.filter((a) => !CASES.some((c) => c.action === a))).toEqual([]);
  });

  it.each(CASES.map((c) => [c.action, c] as const))('%s', async (action, c) => {
    const w = world();
    for (const role of ROLES) {
      const caller = w.callers[role];
      const params = await c.params(w, caller);
      await checkCall(
        w.node,
        { label: action, role, refusal: refusalFor(role, c.need, c.scope), expected: (r) => (r === 'hidden' && c.hidden ? [c.hidden] : NAS_REFUSAL[r]) },
        async () => {
          const res = await rawNas(w.node, { action, params, ...caller.nas });
          return { status: res.status, code: res.json.Code as string | undefined, text: res.text };
        },
      );
    }
  });
});
