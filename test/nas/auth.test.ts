import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestNode, type TestNode } from '../support/node.js';
import { isoNow, type RawRequest, rawNas } from './support/raw.js';

import { testDatabases } from '../support/databases.js';

const databases = await testDatabases();

describe.each(databases)('NAS signatures on %s', (database) => {
  let node: TestNode;
  beforeAll(async () => {
    node = await startTestNode({ database });
  });
  afterAll(async () => node?.destroy());

  const driveCount = async () => (await node.salvage.drives.list(node.adminActor, { offset: 0, limit: 100 })).total;
  const create: RawRequest = { action: 'CreateFileSystem', params: { ProtocolType: 'NFS', StorageType: 'Performance' } };

  /** Sends a request that must be refused with `code`, and checks that nothing changed. */
  async function refused(r: RawRequest, status: number, code: string) {
    const before = await driveCount();
    const answer = await rawNas(node, { ...create, ...r });
    expect({ status: answer.status, code: answer.json.Code }).toEqual({ status, code });
    expect(answer.json).toMatchObject({ RequestId: answer.headers.get('x-acs-request-id'), HostId: `127.0.0.1:${node.port}` });
    expect(typeof answer.json.Message).toBe('string');
    expect(typeof answer.json.Recommend).toBe('string');
    expect(await driveCount()).toBe(before);
    return answer;
  }

  describe('signatures', () => {
    it('accepts hand-signed V3 and V2 requests, GET and POST, query or form', async () => {
      for (const scheme of ['v3', 'v2'] as const) {
        expect((await rawNas(node, { ...create, scheme })).status).toBe(200);
        expect((await rawNas(node, { ...create, scheme, method: 'POST' })).status).toBe(200);
        const form = await rawNas(node, { action: 'CreateFileSystem', scheme, method: 'POST', form: create.params });
        expect(form.status).toBe(200);
        expect(form.json.FileSystemId).toMatch(/^[0-9a-f]{10}$/);
      }
    });

    it('refuses unsigned requests and every missing part', async () => {
      await refused({ scheme: 'none' }, 400, 'MissingParameter.AccessKeyId');
      for (const part of ['x-acs-date', 'x-acs-signature-nonce', 'x-acs-content-sha256']) {
        await refused({ omit: [part] }, 400, `MissingParameter.${part}`);
      }
      for (const part of ['AccessKeyId', 'Signature', 'SignatureMethod', 'SignatureVersion', 'SignatureNonce', 'Timestamp']) {
        await refused({ scheme: 'v2', omit: [part] }, 400, `MissingParameter.${part}`);
      }
    });

    it('refuses an unknown key, a wrong secret and tampered requests', async () => {
      await refused({ keyId: 'LTAInosuchkey' }, 404, 'InvalidAccessKeyId.NotFound');
      await refused({ scheme: 'v2', keyId: 'LTAInosuchkey' }, 404, 'InvalidAccessKeyId.NotFound');
      await refused({ keyId: 'bad key!' }, 404, 'InvalidAccessKeyId.NotFound');
      await refused({ secret: 'wrong' }, 400, 'SignatureDoesNotMatch');
      await refused({ scheme: 'v2', secret: 'wrong' }, 400, 'SignatureDoesNotMatch');
      const tamper = (r: { query: Record<string, string> }) => {
        r.query.Description = 'added later';
      };
      await refused({ afterSigning: tamper }, 400, 'SignatureDoesNotMatch');
      await refused({ scheme: 'v2', afterSigning: tamper }, 400, 'SignatureDoesNotMatch');
      // A header that steers the request must be signed.
      await refused(
        { action: undefined, afterSigning: (r) => void (r.headers['x-acs-action'] = 'CreateFileSystem') },
        400,
        'SignatureDoesNotMatch',
      );
      // The payload hash must be the body's.
      await refused(
        { method: 'POST', form: { Description: 'x' }, afterSigning: (r) => void (r.headers['x-acs-content-sha256'] = '0'.repeat(64)) },
        400,
        'SignatureDoesNotMatch',
      );
      await refused({ afterSigning: (r) => void (r.headers.authorization = 'Basic abc') }, 400, 'IncompleteSignature');
    });

    it('refuses dates outside 15 minutes, and malformed ones', async () => {
      for (const scheme of ['v3', 'v2'] as const) {
        await refused({ scheme, date: isoNow(-16 * 60_000) }, 400, 'InvalidTimeStamp.Expired');
        await refused({ scheme, date: isoNow(16 * 60_000) }, 400, 'InvalidTimeStamp.Expired');
        await refused({ scheme, date: 'yesterday' }, 400, 'InvalidTimeStamp.Format');
        expect((await rawNas(node, { ...create, scheme, date: isoNow(-14 * 60_000) })).status).toBe(200);
      }
    });

    it('never accepts a nonce twice, even for a request that failed validation', async () => {
      for (const scheme of ['v3', 'v2'] as const) {
        const nonce = `nonce-${scheme}-${Date.now()}`;
        const date = isoNow();
        expect((await rawNas(node, { ...create, scheme, nonce, date })).status).toBe(200);
        await refused({ scheme, nonce, date }, 400, 'SignatureNonceUsed');
        const bad = `bad-${nonce}`;
        expect((await rawNas(node, { action: 'GetRecycleBinAttribute', scheme, nonce: bad })).json.Code).toBe('MissingFileSystemId');
        await refused({ scheme, nonce: bad }, 400, 'SignatureNonceUsed');
      }
    });

    it('a failed signature does not use up the nonce', async () => {
      const nonce = `retry-${Date.now()}`;
      await refused({ nonce, secret: 'wrong' }, 400, 'SignatureDoesNotMatch');
      expect((await rawNas(node, { ...create, nonce })).status).toBe(200);
    });

    it('keeps nonces in the database: two nodes sharing it accept a nonce once between them', async () => {
      const second = await startTestNode({ databaseUrl: node.databaseUrl, dataDir: node.dataDir, jobConcurrency: 0 });
      try {
        const nonce = `shared-${Date.now()}`;
        const date = isoNow();
        const answers = await Promise.all([
          rawNas(node, { ...create, nonce, date }),
          rawNas(second, { ...create, nonce, date }),
        ]);
        expect(answers.map((a) => a.status).sort()).toEqual([200, 400]);
        expect(answers.find((a) => a.status === 400)!.json.Code).toBe('SignatureNonceUsed');
      } finally {
        await second.destroy();
      }
    });

    it('forgets nonces once their request date has left the window', async () => {
      const { salvage } = node;
      const now = salvage.ctx.clock.now();
      expect(await salvage.users.acceptSignatureNonce({ accessKeyId: 'LTAItestadminkey', nonce: 'old-one', until: now - 1 })).toBe(true);
      expect(await salvage.users.acceptSignatureNonce({ accessKeyId: 'LTAItestadminkey', nonce: 'live-one', until: now + 60_000 })).toBe(true);
      expect(await salvage.users.purgeSignatureNonces()).toBeGreaterThanOrEqual(1);
      expect(await salvage.users.acceptSignatureNonce({ accessKeyId: 'LTAItestadminkey', nonce: 'live-one', until: now + 60_000 })).toBe(false);
    });
  });
});
