import * as $Nas from '@alicloud/nas20170626';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestNode, type TestNode } from '../support/node.js';
import { nasClient, noRetries } from './support/clients.js';
import { rawNas } from './support/raw.js';

const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

/**
 * Issue 15 item 1: the server's address opened in a browser goes to the web UI, while `/`
 * stays the NAS dialect's for every NAS request. The database plays no part: SQLite only.
 */
describe('/ in a browser', () => {
  let node: TestNode;
  beforeAll(async () => {
    node = await startTestNode();
  });
  afterAll(async () => node?.destroy());

  const get = (path: string, accept?: string) =>
    fetch(`${node.url}${path}`, { redirect: 'manual', headers: accept ? { accept } : {} });

  it('redirects a browser GET of / (no Action) to /ui/', async () => {
    for (const path of ['/', '/?utm=1']) {
      const answer = await get(path, BROWSER_ACCEPT);
      expect({ path, status: answer.status, location: answer.headers.get('location') }).toEqual({ path, status: 302, location: '/ui/' });
    }
  });

  it('leaves NAS requests alone: an Action, no HTML in Accept, or a POST', async () => {
    // A browser that asks for an action gets NAS's answer (here: unsigned, refused).
    const withAction = await get('/?Action=DescribeFileSystems', BROWSER_ACCEPT);
    expect(withAction.status).not.toBe(302);
    expect(await withAction.text()).toMatch(/Code/);
    // A client that does not ask for HTML gets NAS's error for a missing Action, as before.
    const plain = await get('/', 'application/json');
    expect(plain.status).toBe(400);
    expect(plain.headers.get('location')).toBeNull();
    const post = await fetch(`${node.url}/`, { method: 'POST', redirect: 'manual', headers: { accept: BROWSER_ACCEPT } });
    expect(post.status).not.toBe(302);
    // Signed requests, by hand with an HTML Accept and through the official client.
    const signed = await rawNas(node, { action: 'DescribeFileSystems', headers: { accept: BROWSER_ACCEPT } });
    expect(signed.status).toBe(200);
    const { body } = await nasClient(node).describeFileSystemsWithOptions(new $Nas.DescribeFileSystemsRequest({}), noRetries());
    expect(body?.requestId).toBeTruthy();
  });
});
