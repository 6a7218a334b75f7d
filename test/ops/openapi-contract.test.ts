import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PDS_DOCS } from '../../src/api/pds/openapi-docs.js';
import type { PdsPath } from '../../src/api/pds/operations.js';
import { startTestNode, type TestNode } from '../support/node.js';
import { makeFolder, type PdsClient, signIn } from '../pds/support/pds-client.js';

type Json = Record<string, any>;
const plain = (s: unknown): Json => JSON.parse(JSON.stringify(s)) as Json;

/** A value of the wrong JSON type for a property of this schema; undefined when any type goes. */
function wrongTypeFor(schema: Json): unknown {
  switch (schema.type) {
    case 'string':
      return 12345;
    case 'integer':
    case 'number':
      return 'not-a-number';
    case 'boolean':
      return 'yes';
    case 'array':
      return 'not-an-array';
    case 'object':
      return 'not-an-object';
    default:
      // A union of literals: a value none of them is.
      return schema.anyOf?.every((s: Json) => s.const !== undefined) ? 'none-of-these' : undefined;
  }
}

/**
 * The PDS document's request schemas against the operations' own parsers (issue 16 item
 * 4): each required field the document names is required by the server, and each typed
 * field is refused with another type, with an error naming it. So the document cannot
 * promise less than the server checks, nor name a field the server ignores.
 */
describe('the PDS request schemas agree with the parsers', () => {
  let node: TestNode;
  let pds: PdsClient;
  let values: Record<string, unknown>;
  beforeAll(async () => {
    node = await startTestNode();
    pds = await signIn(node);
    const driveId = (await pds.ok('/v2/drive/create', { drive_name: 'contract', total_size: -1 }, 201)).drive_id as string;
    const folder = await makeFolder(pds, driveId, 'root', 'f');
    // Well-formed values for the fields operations require, by name (a file, so that
    // file/create reads its file-only fields too).
    values = { drive_id: driveId, file_id: folder.file_id, parent_file_id: 'root', to_parent_file_id: 'root', name: 'n', type: 'file', query: 'name = "x"', upload_id: 'u1', async_task_id: '1', drive_name: 'd', user_id: node.adminActor.userId, user_name: 'someone', file_path: '/f', refresh_token: 'r', access_key_id: 'k', status: 'enabled', role: 'viewer', resource: 'file', requests: [] };
  });
  afterAll(async () => node?.destroy());

  const described = (Object.entries(PDS_DOCS) as [PdsPath, (typeof PDS_DOCS)[PdsPath]][]).filter(([, doc]) => doc.body && plain(doc.body).type === 'object');

  it.each(described)('%s', async (path, doc) => {
    const schema = plain(doc.body);
    const required: string[] = schema.required ?? [];
    const base = Object.fromEntries(required.map((p) => [p, values[p]]));
    for (const p of required) expect(values[p], `a value for ${p}`).toBeDefined();
    for (const p of required) {
      const { [p]: _gone, ...without } = base;
      const res = await pds.call(path, without);
      expect(res.status, `${path} without ${p}: ${JSON.stringify(res.body)}`).toBe(400);
      expect(res.body.message, `${path} without ${p}`).toContain(p);
    }
    for (const [p, prop] of Object.entries((schema.properties ?? {}) as Record<string, Json>)) {
      const wrong = wrongTypeFor(prop);
      if (wrong === undefined) continue;
      const res = await pds.call(path, { ...base, [p]: wrong });
      expect(res.status, `${path} with ${p}: ${JSON.stringify(wrong)} -> ${JSON.stringify(res.body)}`).toBe(400);
      expect(res.body.message, `${path} with ${p}: ${JSON.stringify(wrong)}`).toContain(p);
    }
  });
});

/** The same for the Jobs bodies a bearer token may send (the login's needs the CSRF pair: test/jobs/auth). */
describe('the Jobs request schemas agree with the parsers', () => {
  let node: TestNode;
  let pds: PdsClient;
  let driveId: string;
  beforeAll(async () => {
    node = await startTestNode();
    pds = await signIn(node);
    driveId = (await pds.ok('/v2/drive/create', { drive_name: 'contract', total_size: -1 }, 201)).drive_id as string;
  });
  afterAll(async () => node?.destroy());

  const send = async (method: string, path: string, body: unknown) => {
    const res = await fetch(`${node.url}${path}`, { method, headers: { authorization: `Bearer ${pds.accessToken}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as Json };
  };

  it('updateRecycleBin: enabled is required and typed; reservedDays and bypassGovernanceRetention are typed', async () => {
    const schema = plain((await import('../../src/api/jobs/openapi-docs.js')).JOBS_DOCS.updateRecycleBin.body);
    expect(schema.required).toEqual(['enabled']);
    const path = `/v1/drives/${driveId}/recyclebin`;
    const missing = await send('PUT', path, {});
    expect(missing.status).toBe(400);
    expect(JSON.stringify(missing.body)).toContain('enabled');
    for (const [p, prop] of Object.entries(schema.properties as Record<string, Json>)) {
      const res = await send('PUT', path, { enabled: true, [p]: wrongTypeFor(prop) });
      expect(res.status, `${p} -> ${JSON.stringify(res.body)}`).toBe(400);
      expect(JSON.stringify(res.body)).toContain(p);
    }
  });

  it('cancelJob: jobId is required and must be {id: integer}', async () => {
    for (const body of [{}, { jobId: 'x' }, { jobId: { id: 'x' } }]) {
      const res = await send('POST', '/v1/jobs/cancel', body);
      expect(res.status, `${JSON.stringify(body)} -> ${JSON.stringify(res.body)}`).toBe(400);
      expect(JSON.stringify(res.body)).toMatch(/jobId|id/);
    }
  });
});
