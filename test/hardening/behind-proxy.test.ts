import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { JobsClient } from '../jobs/support/jobs-client.js';
import { startTestNode, type TestNode } from '../support/node.js';
import { type Json, signIn } from '../pds/support/pds-client.js';

/**
 * Issue 13 item 15: behind a reverse proxy. X-Forwarded-* are believed only with
 * trustProxy; then `X-Forwarded-Proto: https` makes the session cookies Secure with
 * `__Host-` names. Signed content URLs are built on SALVAGE_PUBLIC_URL, never on a Host
 * header a client wrote. The database plays no part here: SQLite only.
 */

/** A raw POST with headers fetch will not send as given (Host). */
function rawPost(url: string, path: string, body: unknown, headers: Record<string, string>): Promise<{ status: number; body: Json }> {
  const data = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data), ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(Buffer.concat(chunks).toString() || '{}') as Json }));
    });
    req.on('error', reject);
    req.end(data);
  });
}

const cookieNamed = (setCookies: string[], name: string) => setCookies.find((c) => c.startsWith(`${name}=`));

describe('behind a proxy', () => {
  describe('without trustProxy (the default)', () => {
    let node: TestNode;
    beforeAll(async () => {
      node = await startTestNode({ jobConcurrency: 0 });
    });
    afterAll(async () => node?.destroy());

    it('ignores X-Forwarded-Proto: plain cookie names, no Secure, and the plain names work', async () => {
      const client = new JobsClient(node.url);
      const proxied = { 'x-forwarded-proto': 'https' };
      await client.call('GET', '/csrf', { headers: proxied });
      const login = await client.call('POST', '/v1/auth/login', { body: { username: 'admin', password: 'admin-password' }, headers: proxied });
      expect(login.status).toBe(200);
      const session = cookieNamed(login.setCookies, 'salvage_session')!;
      expect(session).toBeDefined();
      expect(session).not.toMatch(/;\s*Secure/i);
      expect(login.setCookies.some((c) => c.startsWith('__Host-'))).toBe(false);
      expect((await client.call('GET', '/v1/auth/session', { headers: proxied })).status).toBe(200);
    });

    it('builds signed URLs on the Host header when no public URL is set', async () => {
      const pds = await signIn(node);
      const driveId = (await pds.ok('/v2/drive/create', { drive_name: 'hosted' }, 201)).drive_id as string;
      const created = await rawPost(
        node.url,
        '/v2/file/create',
        { drive_id: driveId, parent_file_id: 'root', name: 'a.txt', type: 'file', size: 1 },
        { authorization: `Bearer ${pds.accessToken}`, host: 'files.example:8443', 'x-forwarded-proto': 'https', 'x-forwarded-host': 'evil.example' },
      );
      expect(created.status).toBe(201);
      // The Host header as sent, and neither forwarded header: no proxy is trusted.
      expect(created.body.part_info_list[0].upload_url).toMatch(/^http:\/\/files\.example:8443\/v2\/content\/upload\//);
    });
  });

  describe('with trustProxy and a public URL', () => {
    let node: TestNode;
    const publicUrl = 'https://salvage.example.com';
    beforeAll(async () => {
      node = await startTestNode({ jobConcurrency: 0, trustProxy: true, publicUrl });
    });
    afterAll(async () => node?.destroy());

    it('sets Secure __Host- cookies under X-Forwarded-Proto: https, and reads only those names there', async () => {
      const client = new JobsClient(node.url);
      const proxied = { 'x-forwarded-proto': 'https' };
      const csrf = await client.call('GET', '/csrf', { headers: proxied });
      const xsrf = cookieNamed(csrf.setCookies, '__Host-XSRF-TOKEN')!;
      expect(xsrf).toMatch(/;\s*Secure/i);
      expect(xsrf).toMatch(/;\s*Path=\//);
      expect(xsrf).not.toMatch(/Domain=/i);
      const token = client.cookies.get('__Host-XSRF-TOKEN')!;
      const login = await client.call('POST', '/v1/auth/login', {
        body: { username: 'admin', password: 'admin-password' },
        headers: proxied,
        xsrfHeader: token,
      });
      expect(login.status).toBe(200);
      const session = cookieNamed(login.setCookies, '__Host-salvage_session')!;
      expect(session).toMatch(/;\s*Secure/i);
      expect(session).toMatch(/HttpOnly/i);
      expect(cookieNamed(login.setCookies, 'salvage_session')).toBeUndefined();
      expect((await client.call('GET', '/v1/auth/session', { headers: proxied })).status).toBe(200);

      // The same cookies over plain http are not this request's names: not signed in.
      expect((await client.call('GET', '/v1/auth/session')).status).toBe(401);
      // A plain-named session cookie planted on an https request is not read either.
      const plain = new JobsClient(node.url);
      await plain.call('GET', '/csrf');
      await plain.call('POST', '/v1/auth/login', { body: { username: 'admin', password: 'admin-password' } });
      expect((await plain.call('GET', '/v1/auth/session')).status).toBe(200);
      expect((await plain.call('GET', '/v1/auth/session', { headers: proxied })).status).toBe(401);

      // PDS reads the web session the same way: the prefixed pair under https.
      const newSessionXsrf = client.cookies.get('__Host-XSRF-TOKEN')!;
      const drives = await fetch(`${node.url}/v2/drive/list`, {
        method: 'POST',
        headers: { ...proxied, 'content-type': 'application/json', cookie: client.cookieHeader(), 'x-xsrf-token': newSessionXsrf },
        body: '{}',
      });
      expect(drives.status).toBe(200);
    });

    it('leaves cookies plain over plain http', async () => {
      const client = new JobsClient(node.url);
      const csrf = await client.call('GET', '/csrf');
      const xsrf = cookieNamed(csrf.setCookies, 'XSRF-TOKEN')!;
      expect(xsrf).toBeDefined();
      expect(xsrf).not.toMatch(/;\s*Secure/i);
    });

    it('builds upload and download URLs on the public URL, whatever the Host header says', async () => {
      const pds = await signIn(node);
      const driveId = (await pds.ok('/v2/drive/create', { drive_name: 'public' }, 201)).drive_id as string;
      const spoofed = { authorization: `Bearer ${pds.accessToken}`, host: 'attacker.example', 'x-forwarded-host': 'attacker.example' };
      const created = await rawPost(node.url, '/v2/file/create', { drive_id: driveId, parent_file_id: 'root', name: 'b.txt', type: 'file', size: 2 }, spoofed);
      expect(created.status).toBe(201);
      const uploadUrl = created.body.part_info_list[0].upload_url as string;
      expect(uploadUrl.startsWith(`${publicUrl}/v2/content/upload/`)).toBe(true);
      const again = await rawPost(node.url, '/v2/file/get_upload_url', { drive_id: driveId, file_id: created.body.file_id, upload_id: created.body.upload_id }, spoofed);
      expect(again.body.part_info_list[0].upload_url.startsWith(`${publicUrl}/v2/content/upload/`)).toBe(true);

      // The URL works where the proxy would send it: here, the node itself.
      const put = await fetch(uploadUrl.replace(publicUrl, node.url), { method: 'PUT', body: 'hi' });
      expect(put.status).toBe(200);
      await pds.ok('/v2/file/complete', { drive_id: driveId, file_id: created.body.file_id, upload_id: created.body.upload_id });
      const download = await rawPost(node.url, '/v2/file/get_download_url', { drive_id: driveId, file_id: created.body.file_id }, spoofed);
      expect(download.status).toBe(200);
      expect((download.body.url as string).startsWith(`${publicUrl}/v2/content/download/`)).toBe(true);
      expect((download.body.internal_url as string).startsWith(`${publicUrl}/v2/content/download/`)).toBe(true);
      const got = await fetch((download.body.url as string).replace(publicUrl, node.url));
      expect(await got.text()).toBe('hi');
    });
  });

  it('reads SALVAGE_TRUST_PROXY and SALVAGE_PUBLIC_URL, off and unset by default, and refuses bad values', () => {
    expect(loadConfig({}, {})).toMatchObject({ trustProxy: false, publicUrl: undefined });
    expect(loadConfig({}, { SALVAGE_TRUST_PROXY: 'true', SALVAGE_PUBLIC_URL: 'https://x.example/files/' })).toMatchObject({
      trustProxy: true,
      publicUrl: 'https://x.example/files',
    });
    expect(loadConfig({}, { SALVAGE_TRUST_PROXY: '0' }).trustProxy).toBe(false);
    expect(() => loadConfig({}, { SALVAGE_TRUST_PROXY: 'maybe' })).toThrow(/SALVAGE_TRUST_PROXY/);
    expect(() => loadConfig({}, { SALVAGE_PUBLIC_URL: 'files.example' })).toThrow(/SALVAGE_PUBLIC_URL/);
    expect(() => loadConfig({}, { SALVAGE_PUBLIC_URL: 'ftp://files.example' })).toThrow(/SALVAGE_PUBLIC_URL/);
    expect(() => loadConfig({}, { SALVAGE_PUBLIC_URL: 'https://files.example/?a=1' })).toThrow(/SALVAGE_PUBLIC_URL/);
  });
});
