import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedIn } from '../jobs/support/jobs-client.js';
import { rawNas } from '../nas/support/raw.js';
import { type PdsClient, signIn } from '../pds/support/pds-client.js';
import { startTestNode, type TestNode } from '../support/node.js';

const API_CSP = "default-src 'none'; frame-ancestors 'none'";

/** The answer's headers say: never sniff a type, run, load or frame anything. */
function expectLockedDown(what: string, headers: Headers): void {
  expect({ what, nosniff: headers.get('x-content-type-options'), csp: headers.get('content-security-policy') }).toEqual({
    what,
    nosniff: 'nosniff',
    csp: API_CSP,
  });
}

/**
 * Issue 13 item 17: `X-Content-Type-Options: nosniff` and a deny-all Content-Security-Policy
 * on every API answer and download, in all three dialects, errors and 404s included; the
 * web UI keeps its own policy. The database plays no part: SQLite only.
 */
describe('security headers', () => {
  let node: TestNode;
  let pds: PdsClient;

  beforeAll(async () => {
    node = await startTestNode();
    pds = await signIn(node);
  });
  afterAll(async () => node?.destroy());

  it('are on PDS answers, errors and content, and on unknown paths', async () => {
    const drive = await pds.call('/v2/drive/create', { drive_name: 'headers' });
    expect(drive.status).toBe(201);
    expectLockedDown('PDS 201', drive.headers);
    expectLockedDown('PDS 404', (await pds.call('/v2/file/get', { drive_id: drive.body.drive_id, file_id: 'a'.repeat(24) })).headers);
    expectLockedDown('PDS 400', (await pds.call('/v2/file/get', {}, { rawBody: '{not json' })).headers);
    expectLockedDown('PDS 401', (await pds.call('/v2/drive/list', {}, { headers: { authorization: 'Bearer nope' } })).headers);

    // A file whose content would run as a page if a browser sniffed or rendered it.
    const page = Buffer.from('<html><script>alert(document.cookie)</script></html>');
    const created = await pds.ok('/v2/file/create', { drive_id: drive.body.drive_id, parent_file_id: 'root', name: 'x.html', type: 'file', size: page.length, content_type: 'text/html' }, 201);
    const url = created.part_info_list[0].upload_url as string;
    const put = await fetch(url, { method: 'PUT', body: page });
    expect(put.status).toBe(200);
    expectLockedDown('upload PUT 200', put.headers);
    expectLockedDown('upload PUT 403', (await fetch(url.replace(/x-signature=[^&]+/, `x-signature=${'A'.repeat(43)}`), { method: 'PUT', body: page })).headers);
    await pds.ok('/v2/file/complete', { drive_id: drive.body.drive_id, file_id: created.file_id, upload_id: created.upload_id });
    const link = await pds.ok('/v2/file/get_download_url', { drive_id: drive.body.drive_id, file_id: created.file_id });
    const whole = await fetch(link.url as string);
    expect(await whole.text()).toBe(page.toString());
    expectLockedDown('download 200', whole.headers);
    const part = await fetch(link.url as string, { headers: { range: 'bytes=0-5' } });
    expect(part.status).toBe(206);
    expectLockedDown('download 206', part.headers);
    expectLockedDown('download 416', (await fetch(link.url as string, { headers: { range: 'bytes=999-' } })).headers);
    expectLockedDown('download 403', (await fetch((link.url as string).replace(/x-signature=[^&]+/, `x-signature=${'A'.repeat(43)}`))).headers);

    expectLockedDown('unknown path 404', (await fetch(`${node.url}/nothing/here`)).headers);
    expectLockedDown('healthz', (await fetch(`${node.url}/healthz`)).headers);
  });

  it('are on NAS answers in JSON and XML, and on its errors', async () => {
    const ok = await rawNas(node, { action: 'DescribeFileSystems' });
    expect(ok.status).toBe(200);
    expectLockedDown('NAS 200', ok.headers);
    const xml = await rawNas(node, { action: 'DescribeFileSystems', params: { Format: 'XML' } });
    expect(xml.text).toMatch(/^<\?xml/);
    expectLockedDown('NAS XML 200', xml.headers);
    const unsigned = await rawNas(node, { action: 'DescribeFileSystems', scheme: 'none' });
    expect(unsigned.status).toBeGreaterThanOrEqual(400);
    expectLockedDown('NAS unsigned', unsigned.headers);
    expectLockedDown('NAS unknown action', (await rawNas(node, { action: 'NoSuchAction', params: { Format: 'XML' } })).headers);
  });

  it('are on Jobs answers and errors', async () => {
    const jobs = await signedIn(node.url);
    const list = await jobs.call('GET', '/v1/jobs');
    expect(list.status).toBe(200);
    expectLockedDown('Jobs 200', list.headers);
    expectLockedDown('Jobs 404', (await jobs.call('GET', '/v1/jobs/999999')).headers);
    expectLockedDown('Jobs 401', (await fetch(`${node.url}/v1/jobs`)).headers);
    expectLockedDown('Jobs 403 (no XSRF)', (await jobs.call('POST', '/v1/jobs/1/cancel', { xsrfHeader: null })).headers);
  });

  it('leave the web UI its own policy', async () => {
    const res = await fetch(`${node.url}/ui/`);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const csp = res.headers.get('content-security-policy') ?? '';
    // Built or not, the UI answers with the policy that lets its own scripts and styles load.
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toBe(API_CSP);
  });
});
