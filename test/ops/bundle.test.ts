import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postJson } from '../support/post-json.js';
import { SpawnedNode } from '../support/spawn-node.js';

const run = promisify(execFile);
const REPO = fileURLToPath(new URL('../..', import.meta.url));

const post = postJson;

/**
 * What `npm start` and the package's `bin` run: the bundle of scripts/bundle.mjs (dist/salvage.mjs and its chunks)
 * (issue 16 item 6, a start under a second). Built into a temporary copy of the package's
 * layout (package.json, node_modules, dist/), never into the checkout, and driven as a
 * client would: what the bundle leaves to Node (the SQLite addon and its writer thread,
 * readable logs, the OpenAPI reference page) must still be found from there.
 */
describe('the bundled CLI (dist/salvage.mjs)', () => {
  let dir: string;
  let bundle: string;
  let node: SpawnedNode;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'salvage-bundle-'));
    await copyFile(join(REPO, 'package.json'), join(dir, 'package.json'));
    await symlink(join(REPO, 'node_modules'), join(dir, 'node_modules'));
    await mkdir(join(dir, 'dist'));
    await run(process.execPath, [join(REPO, 'scripts/bundle.mjs'), join(dir, 'dist')]);
    bundle = join(dir, 'dist/salvage.mjs');
    node = new SpawnedNode({ dataDir: join(dir, 'unused'), entry: bundle, args: ['--in-memory'], env: { SALVAGE_LOG_FORMAT: 'pretty' } });
    await node.start();
  }, 120_000);
  afterAll(async () => {
    await node?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('prints its version and fails bad arguments in one line', async () => {
    const { stdout } = await run(process.execPath, [bundle, '--version']);
    const { version } = (await import('../../package.json', { with: { type: 'json' } })).default as { version: string };
    expect(stdout.trim()).toBe(version);
    const bad = await run(process.execPath, [bundle, 'no-such-command']).catch((err: { code: number; stderr: string }) => err);
    expect(bad).toMatchObject({ code: 2 });
    expect((bad as { stderr: string }).stderr.trim().split('\n')).toHaveLength(1);
  });

  it('serves and writes: sign in, a drive, a folder trashed and listed in the bin', async () => {
    expect(node.output()).toMatch(/Salvage is ready on http:\/\/127\.0\.0\.1:\d+ \(started in \d+ ms\)/);
    // SALVAGE_LOG_FORMAT=pretty: pino-pretty, left out of the bundle, was found and used.
    expect(node.output()).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: /m);
    const grant = await post(node.url, '/v2/account/token', { grant_type: 'password', username: 'admin', password: 'admin-password' });
    expect(grant.status).toBe(200);
    const token = grant.body.access_token as string;
    const drive = await post(node.url, '/v2/drive/create', { drive_name: 'bundled', total_size: -1 }, token);
    expect(drive.status).toBe(201);
    const folder = await post(node.url, '/v2/file/create', { drive_id: drive.body.drive_id, parent_file_id: 'root', name: 'old', type: 'folder' }, token);
    expect(folder.status).toBe(201);
    // A folder's trash answers 202 with a task id (PDS); it is in the bin when answered.
    expect((await post(node.url, '/v2/recyclebin/trash', { drive_id: drive.body.drive_id, file_id: folder.body.file_id }, token)).status).toBe(202);
    const bin = await post(node.url, '/v2/recyclebin/list', { drive_id: drive.body.drive_id }, token);
    expect((bin.body.items as { name: string }[]).map((i) => i.name)).toEqual(['old']);
  });

  it('serves the OpenAPI document and its reference page', async () => {
    expect((await fetch(`${node.url}/openapi.json`)).status).toBe(200);
    const page = await fetch(`${node.url}/docs/api/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<html');
  });
});
