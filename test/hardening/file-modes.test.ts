import { chmod, mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, onTestFailed } from 'vitest';
import { PdsClient } from '../pds/support/pds-client.js';
import { SpawnedNode } from '../support/spawn-node.js';

/** Runs the server under a permissive umask, as a shell with `umask 0002` would. */
const PERMISSIVE_UMASK = ['sh', '-c', 'umask 0002; exec "$0" "$@"'];

/** Every directory and file under `root` (itself included) whose mode is not 0700 / 0600. */
async function modeProblems(root: string): Promise<string[]> {
  const problems: string[] = [];
  const visit = async (path: string): Promise<void> => {
    const info = await stat(path).catch(() => undefined);
    if (!info) return; // removed while walked (a -shm file, a staged blob)
    const mode = info.mode & 0o777;
    const want = info.isDirectory() ? 0o700 : 0o600;
    if (mode !== want) problems.push(`${path.slice(root.length) || '/'} is ${mode.toString(8)}, not ${want.toString(8)}`);
    if (info.isDirectory()) for (const name of await readdir(path).catch(() => [])) await visit(join(path, name));
  };
  await visit(root);
  return problems;
}

/** Everything under `root` opened to everyone, as an earlier version under umask 0000 left it. */
async function openUp(root: string): Promise<void> {
  const info = await stat(root);
  await chmod(root, info.isDirectory() ? 0o777 : 0o666);
  if (info.isDirectory()) for (const name of await readdir(root)) await openUp(join(root, name));
}

/**
 * Issue 13 item 14: files at rest. `salvage serve` started under umask 0002 in a data
 * directory it creates: after real use (sign-in, uploads whole, in parts and cut off, a
 * purge), the directory and every directory in it are 0700 and every file 0600: the
 * database and its -wal and -shm, the admin's credentials, blobs staged and published.
 * A data directory an earlier version left open to everyone is closed at the next start.
 * Only SQLite keeps a database in the data directory; the blobs are the same on both.
 */
describe('files at rest', () => {
  let base: string | undefined;
  let server: SpawnedNode | undefined;
  afterAll(async () => {
    await server?.kill();
    if (base) await rm(base, { recursive: true, force: true });
  });

  it('are 0600 in 0700 directories whatever the umask, and are made so at start', async () => {
    base = await mkdtemp(join(tmpdir(), 'salvage-modes-'));
    const dataDir = join(base, 'data');
    server = new SpawnedNode({
      dataDir,
      wrapper: PERMISSIVE_UMASK,
      // No admin in the environment: the first start writes admin-credentials.json.
      env: { SALVAGE_ADMIN_PASSWORD: '', SALVAGE_ADMIN_ACCESS_KEY_ID: '', SALVAGE_ADMIN_ACCESS_KEY_SECRET: '' },
    });
    onTestFailed(() => console.log(`--- salvage serve output ---\n${server?.output()}`));
    await server.start();

    const { password } = JSON.parse(await readFile(join(dataDir, 'admin-credentials.json'), 'utf8')) as { password: string };
    const pds = new PdsClient(server.url);
    pds.accessToken = (await pds.ok('/v2/account/token', { grant_type: 'password', username: 'admin', password })).access_token as string;
    const drive = (await pds.ok('/v2/drive/create', { drive_name: 'modes' }, 201)).drive_id as string;
    const put = async (name: string, body: Buffer, parts?: number) => {
      const created = await pds.ok('/v2/file/create', {
        drive_id: drive,
        parent_file_id: 'root',
        name,
        type: 'file',
        ...(parts ? { part_info_list: Array.from({ length: parts }, (_, i) => ({ part_number: i + 1 })) } : { size: body.length }),
      }, 201);
      const res = await fetch(created.part_info_list[0].upload_url as string, { method: 'PUT', body });
      expect(res.status).toBe(200);
      return created;
    };
    const kept = await put('kept.txt', Buffer.from('kept'));
    await pds.ok('/v2/file/complete', { drive_id: drive, file_id: kept.file_id, upload_id: kept.upload_id });
    await put('in-parts.bin', Buffer.alloc(1000, 1), 2); // one part of two: its blob stays
    const gone = await put('gone.txt', Buffer.from('gone'));
    await pds.ok('/v2/file/complete', { drive_id: drive, file_id: gone.file_id, upload_id: gone.upload_id });
    await pds.ok('/v2/file/delete', { drive_id: drive, file_id: gone.file_id }, 202);
    // An upload cut off mid-body, and one still sending while the modes are read.
    const cut = await pds.ok('/v2/file/create', { drive_id: drive, parent_file_id: 'root', name: 'cut.bin', type: 'file', size: 1_000_000 }, 201);
    const abort = new AbortController();
    const sending = fetch(cut.part_info_list[0].upload_url as string, {
      method: 'PUT',
      body: new ReadableStream({
        start(controller) {
          controller.enqueue(new Uint8Array(64 * 1024));
        },
      }),
      duplex: 'half',
      signal: abort.signal,
    } as RequestInit).catch(() => undefined);
    const tmp = join(dataDir, 'blobs', 'tmp');
    for (let i = 0; i < 200 && (await readdir(tmp)).length === 0; i++) await new Promise((r) => setTimeout(r, 25));
    expect((await readdir(tmp)).length).toBeGreaterThan(0);

    expect(await modeProblems(dataDir)).toEqual([]);
    expect((await readdir(dataDir)).sort()).toEqual(expect.arrayContaining(['admin-credentials.json', 'blobs', 'salvage.db', 'salvage.db-wal', 'salvage.db-shm']));
    abort.abort();
    await sending;

    // What an earlier version left, open to everyone, is closed at the next start.
    await server.stop();
    await openUp(dataDir);
    expect((await modeProblems(dataDir)).length).toBeGreaterThan(5);
    await server.start();
    expect(await modeProblems(dataDir)).toEqual([]);
    const again = new PdsClient(server.url, pds.accessToken); // a new port
    const link = await again.ok('/v2/file/get_download_url', { drive_id: drive, file_id: kept.file_id });
    expect(await (await fetch(link.url as string)).text()).toBe('kept');
  }, 120_000);
});
