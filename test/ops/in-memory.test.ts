import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/support/run-cli.js';
import { eventually } from '../support/node.js';
import { postJson } from '../support/post-json.js';
import { SpawnedNode } from '../support/spawn-node.js';

/** The seed file of docs/in-memory.md, as printed there (the docs cannot drift from it). */
const SEED = JSON.parse(/```json\n([\s\S]*?)\n```/.exec(readFileSync(new URL('../../docs/in-memory.md', import.meta.url), 'utf8'))![1]!) as unknown;

const post = postJson;

/** Issue 16 item 6: `serve --in-memory --seed FILE --test-hooks`, the real CLI in a child process. */
describe('salvage serve --in-memory --seed --test-hooks', () => {
  let dir: string;
  let node: SpawnedNode;
  let token: string;
  let driveId: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'salvage-seed-'));
    await writeFile(join(dir, 'seed.json'), JSON.stringify(SEED));
    // dataDir is where SpawnedNode points SALVAGE_DATA_DIR: --in-memory must not use it.
    node = new SpawnedNode({ dataDir: join(dir, 'unused'), args: ['--in-memory', '--seed', join(dir, 'seed.json'), '--test-hooks'] });
    await node.start();
    const grant = await post(node.url, '/v2/account/token', { grant_type: 'password', username: 'alice', password: 'alice-password-1' });
    expect(grant.status).toBe(200);
    token = grant.body.access_token as string;
    const drives = await post(node.url, '/v2/drive/list', {}, token);
    driveId = (drives.body.items as { drive_id: string; drive_name: string }[]).find((d) => d.drive_name === 'team')!.drive_id;
  });
  afterAll(async () => {
    // The last test stopped it; if a test failed before, a clean stop still removes its folder.
    await node?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('reports its start-up time and keeps nothing in the data directory it was given', () => {
    const ms = /Salvage is ready on http:\/\/127\.0\.0\.1:\d+ \(started in (\d+) ms\)/.exec(node.output());
    expect(ms, node.output()).not.toBeNull();
    // Under a second on an idle machine from the built CLI (docs/in-memory.md); here tsx
    // compiles on start and other suites share the cores, so only a sane bound is checked.
    expect(Number(ms![1])).toBeLessThan(30_000);
    expect(node.output()).toMatch(/In memory: everything is in \S+ and is removed on exit\./);
    expect(existsSync(join(dir, 'unused'))).toBe(false);
  });

  it('loads the seed: users, drives, trees and bin items', async () => {
    expect(node.output()).toContain('2 users, 1 drives, 6 entries, 2 bin items');
    const bob = await post(node.url, '/v2/account/token', { grant_type: 'password', username: 'bob', password: 'bob-password-1' });
    expect(bob.status).toBe(200);
    const root = await post(node.url, '/v2/file/list', { drive_id: driveId, parent_file_id: 'root' }, token);
    expect((root.body.items as { name: string }[]).map((i) => i.name).sort()).toEqual(['readme.md', 'reports']);
    const reports = (root.body.items as { name: string; file_id: string }[]).find((i) => i.name === 'reports')!;
    const inside = await post(node.url, '/v2/file/list', { drive_id: driveId, parent_file_id: reports.file_id }, token);
    expect((inside.body.items as { name: string; size: number }[]).map((i) => [i.name, i.size])).toEqual([['q1.txt', 13]]);
    const bin = await post(node.url, '/v2/recyclebin/list', { drive_id: driveId }, token);
    expect((bin.body.items as { name: string }[]).map((i) => i.name).sort()).toEqual(['old', 'q2.txt']);
  });

  it('POST /_salvage/clock moves the server clock: items past retention expire', async () => {
    const bad = [{}, { advance_sec: -1 }, { advance_sec: 'a day' }, { advance_sec: 1.5 }, { advance_sec: 10, more: 1 }];
    for (const body of bad) {
      const res = await post(node.url, '/_salvage/clock', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body).toMatchObject({ code: 'InvalidRequest' });
    }
    const before = Date.now();
    const moved = await post(node.url, '/_salvage/clock', { advance_sec: 2 * 86_400 });
    expect(moved.status).toBe(200);
    expect(moved.body.offset_sec).toBe(2 * 86_400);
    expect(Date.parse(moved.body.now as string) - before).toBeGreaterThanOrEqual(2 * 86_400_000 - 1_000);
    // Access tokens follow the same clock: two days on, the morning's token has expired.
    expect((await post(node.url, '/v2/drive/list', {}, token)).status).toBe(401);
    const grant = await post(node.url, '/v2/account/token', { grant_type: 'password', username: 'alice', password: 'alice-password-1' });
    token = grant.body.access_token as string;
    await eventually(async () => {
      const bin = await post(node.url, '/v2/recyclebin/list', { drive_id: driveId }, token);
      return (bin.body.items as unknown[]).length === 0 ? true : undefined;
    });
    // What was live stays.
    const root = await post(node.url, '/v2/file/list', { drive_id: driveId, parent_file_id: 'root' }, token);
    expect((root.body.items as unknown[]).length).toBe(2);
  });

  it('removes its temporary folder on exit', async () => {
    const place = /In memory: everything is in (\S+) and is removed on exit\./.exec(node.output())![1]!;
    expect(existsSync(place)).toBe(true);
    await node.stop();
    expect(existsSync(place)).toBe(false);
  });
});

describe('salvage serve without --test-hooks', () => {
  it('answers 404 on /_salvage/clock, as on any unknown path', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'salvage-nohooks-'));
    const node = new SpawnedNode({ dataDir: join(dir, 'unused'), args: ['--in-memory'] });
    try {
      await node.start();
      const res = await post(node.url, '/_salvage/clock', { advance_sec: 86_400 });
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({ code: 'NotFound' });
    } finally {
      // Stopped, not killed: a clean stop removes the server's temporary folder.
      await node.stop();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('salvage serve --seed with a bad file', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'salvage-badseed-'));
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  // The CLI's side: one line and exit 1. Every kind of bad seed is in seed-file.test.ts.
  const cases: [string, string | undefined, RegExp][] = [
    ['wrong-type.json', JSON.stringify({ users: [{ name: 7 }] }), /^salvage: seed file \S+ is not valid: \/users\/0\/name: Expected string\n$/],
    ['no-owner.json', JSON.stringify({ drives: [{ name: 'd', owner: 'carol' }] }), /\/drives\/0 \(d\): owner 'carol' is neither admin nor a user of the seed file\n$/],
  ];
  it.each(cases)('%s: one line naming the file and the field, exit 1, no stack trace', async (name, content, message) => {
    if (content !== undefined) await writeFile(join(dir, name), content);
    const r = await runCli(['serve', '--in-memory', '--port', '0', '--seed', join(dir, name)]);
    expect(r.code, r.stderr + r.stdout).toBe(1);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('--in-memory with --data-dir is refused', async () => {
    const r = await runCli(['serve', '--in-memory', '--data-dir', dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('salvage: --in-memory keeps everything in a temporary folder: it takes no --data-dir or --database-url\n');
  });
});
