import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applySeed } from '../../src/cli/seed/apply-seed.js';
import { readSeedFile, SeedError } from '../../src/cli/seed/seed-file.js';
import { testDatabases } from '../support/databases.js';
import { startTestNode, type TestNode } from '../support/node.js';

const databases = await testDatabases();

/** Issue 16 item 6: a bad seed file is one clear SeedError naming the file and the field. */
describe('readSeedFile', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'salvage-seedfile-'));
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  const bad: [string, string | undefined, RegExp][] = [
    ['missing.json', undefined, /^cannot read seed file \S+missing\.json: ENOENT$/],
    ['not-json.json', '{ users: [', /^seed file \S+ is not JSON: /],
    ['array.json', '[]', /^seed file \S+ is not valid: the top level: Expected object$/],
    ['wrong-type.json', JSON.stringify({ users: [{ name: 7 }] }), /is not valid: \/users\/0\/name: Expected string$/],
    ['unknown-field.json', JSON.stringify({ people: [] }), /is not valid: \/people: Unexpected property$/],
    ['bad-role.json', JSON.stringify({ users: [{ name: 'a', role: 'root' }] }), /is not valid: \/users\/0\/role: /],
    ['no-owner-field.json', JSON.stringify({ drives: [{ name: 'd' }] }), /is not valid: \/drives\/0\/owner: Expected required property/],
    ['bad-base64.json', JSON.stringify({ drives: [{ name: 'd', owner: 'admin', tree: [{ name: 'x', contentBase64: '%%' }] }] }), /\/drives\/0\/tree\/0\/contentBase64: /],
    ['both.json', JSON.stringify({ drives: [{ name: 'd', owner: 'admin', tree: [{ name: 'x', children: [], content: 'y' }] }] }), /\/drives\/0\/tree\/0: an entry with children is a folder and has no content$/],
    ['two-contents.json', JSON.stringify({ drives: [{ name: 'd', owner: 'admin', tree: [{ name: 'f', children: [{ name: 'x', content: 'y', contentBase64: 'eQ==' }] }] }] }), /\/drives\/0\/tree\/0\/children\/0: give content or contentBase64, not both$/],
  ];
  it.each(bad)('%s', async (name, content, message) => {
    if (content !== undefined) await writeFile(join(dir, name), content);
    const err = await readSeedFile(join(dir, name)).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(SeedError);
    expect((err as Error).message).toMatch(message);
  });

  it('reads a good one as it is', async () => {
    const seed = { users: [{ name: 'a', password: 'a-password-1' }], drives: [{ name: 'd', owner: 'a', tree: [{ name: 'f', children: [] }] }] };
    await writeFile(join(dir, 'good.json'), JSON.stringify(seed));
    expect(await readSeedFile(join(dir, 'good.json'))).toEqual(seed);
  });
});

describe.each(databases)('applySeed on %s', (database) => {
  let node: TestNode;
  beforeAll(async () => {
    node = await startTestNode({ database });
  });
  afterAll(async () => node?.destroy());

  const refusals: [string, object, RegExp][] = [
    ['an unknown owner', { drives: [{ name: 'd', owner: 'carol' }] }, /^seed file s\.json: \/drives\/0 \(d\): owner 'carol' is neither admin nor a user of the seed file$/],
    ['two entries of one name', { drives: [{ name: 'd', owner: 'admin', tree: [{ name: 'x', content: '1' }, { name: 'x', content: '2' }] }] }, /\/drives\/0 \(d\)\/tree\/1 \(x\): the folder already has an entry named 'x'$/],
    ['a user name the core refuses', { users: [{ name: 'no spaces allowed' }] }, /^seed file s\.json: \/users\/0 \(no spaces allowed\): /],
    ['a password the core refuses', { users: [{ name: `short-${database}`, password: 'x' }] }, /\/users\/0 \(short-\w+\): /],
    ['a name taken', { users: [{ name: 'admin' }] }, /\/users\/0 \(admin\): /],
  ];
  it.each(refusals)('names the entry of %s', async (_what, seed, message) => {
    const err = await applySeed(node.salvage, seed, 's.json').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(SeedError);
    expect((err as Error).message).toMatch(message);
  });

  it('makes users, drives with their bin settings, trees and bin items as their owners', async () => {
    const summary = await applySeed(
      node.salvage,
      {
        users: [{ name: `dora-${database}`, password: 'dora-password-1', role: 'admin', nickName: 'Dora' }],
        drives: [
          {
            name: 'seeded',
            owner: `dora-${database}`,
            size: 1_000_000,
            recycleBin: { enabled: true, retentionDays: 7 },
            tree: [{ name: 'a', children: [{ name: 'b', children: [{ name: 'c.txt', content: 'c', trashed: true }] }], trashed: true }],
          },
        ],
      },
      's.json',
    );
    expect(summary).toEqual({ users: 1, drives: 1, entries: 3, binItems: 2 });
    const dora = (await node.salvage.users.all()).find((u) => u.name === `dora-${database}`)!;
    expect(dora).toMatchObject({ isAdmin: true, nickName: 'Dora' });
    const drives = await node.salvage.drives.list(node.salvage.users.actorOf(dora), { ownerId: dora.id, offset: 0, limit: 10 });
    const seeded = drives.items.find((d) => d.name === 'seeded')!;
    expect(seeded).toMatchObject({ ownerId: dora.id, totalSize: 1_000_000, binEnabled: true, reservedDays: 7, binBytes: 1 });
  });
});
