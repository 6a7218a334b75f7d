import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOBS_OPERATIONS } from '../../src/api/jobs/operations.js';
import { PDS_OPERATIONS } from '../../src/api/pds/operations.js';
import { startTestNode, type TestNode } from '../support/node.js';
import { makeFolder, type PdsClient, signIn, uploadFile, waitForTask } from '../pds/support/pds-client.js';

type Json = Record<string, any>;

/** Issue 16 item 4: the OpenAPI 3.1 document of the PDS and Jobs dialects, against a real server. */
describe('GET /openapi.json', () => {
  let node: TestNode;
  let doc: Json;
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  const check = (schema: Json, value: unknown, what: string) => {
    const validate = ajv.compile(schema);
    expect(validate(value), `${what}: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(value)}`).toBe(true);
  };
  const operation = (method: string, path: string): Json => {
    const op = doc.paths[path]?.[method];
    expect(op, `${method} ${path} is documented`).toBeDefined();
    return op;
  };
  /** The answer's status is the documented one and its body fits the documented schema. */
  const fits = (method: string, path: string, status: number, body: unknown) => {
    const op = operation(method, path);
    const documented = op.responses[String(status)];
    expect(documented, `${method} ${path} documents status ${status}: ${Object.keys(op.responses)}`).toBeDefined();
    const schema = documented.content?.['application/json']?.schema;
    if (schema) check(schema, body, `${method} ${path} ${status}`);
  };

  beforeAll(async () => {
    node = await startTestNode();
    const res = await fetch(`${node.url}/openapi.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    doc = (await res.json()) as Json;
  });
  afterAll(async () => node?.destroy());

  it('is OpenAPI 3.1 with every PDS and Jobs route of the operation tables, and no NAS path', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info).toMatchObject({ title: expect.any(String), version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
    for (const path of Object.keys(PDS_OPERATIONS)) expect(Object.keys(doc.paths[path] ?? {}), path).toEqual(['post']);
    for (const op of Object.values(JOBS_OPERATIONS)) operation(op.method.toLowerCase(), op.path.replace(/:(\w+)/g, '{$1}'));
    const count = Object.values(doc.paths as Json).reduce((n: number, methods) => n + Object.keys(methods as Json).length, 0);
    expect(count).toBe(Object.keys(PDS_OPERATIONS).length + Object.keys(JOBS_OPERATIONS).length);
    expect(doc.paths['/']).toBeUndefined();
  });

  it('has schemas that compile, and every documented example fits its schema', () => {
    let examples = 0;
    for (const [path, methods] of Object.entries(doc.paths as Json)) {
      for (const [method, op] of Object.entries(methods as Json)) {
        const media = op.requestBody?.content?.['application/json'];
        if (media) {
          ajv.compile(media.schema);
          if (media.example !== undefined) {
            check(media.schema, media.example, `${method} ${path} request example`);
            examples++;
          }
        }
        for (const [status, answer] of Object.entries(op.responses as Json)) {
          const m = (answer as Json).content?.['application/json'];
          if (!m) continue;
          ajv.compile(m.schema);
          if (m.example !== undefined) {
            check(m.schema, m.example, `${method} ${path} ${status} example`);
            examples++;
          }
        }
        for (const p of op.parameters ?? []) ajv.compile(p.schema);
      }
    }
    expect(examples).toBeGreaterThanOrEqual(12);
  });

  it('describes what the server answers: each call of a walkthrough fits its documented status and schema', async () => {
    const token = await fetch(`${node.url}/v2/account/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'password', username: 'admin', password: 'admin-password' }),
    });
    fits('post', '/v2/account/token', token.status, await token.json());
    const pds: PdsClient = await signIn(node);
    const call = async (path: string, body: Json) => {
      const res = await pds.call(path, body);
      fits('post', path, res.status, res.body);
      return res.body;
    };
    const drive = await call('/v2/drive/create', { drive_name: 'openapi', total_size: -1 });
    const driveId = drive.drive_id as string;
    await call('/v2/drive/get', { drive_id: driveId });
    await call('/v2/drive/list', { limit: 10 });
    const folder = await makeFolder(pds, driveId, 'root', 'reports');
    fits('post', '/v2/file/create', 201, folder);
    const file = await uploadFile(pds, driveId, folder.file_id, 'q1.txt', 'first quarter');
    fits('post', '/v2/file/complete', 200, file);
    await call('/v2/file/get', { drive_id: driveId, file_id: file.file_id });
    await call('/v2/file/list', { drive_id: driveId, parent_file_id: folder.file_id });
    await call('/v2/file/search', { drive_id: driveId, query: 'name match "q1"' });
    await call('/v2/file/update', { drive_id: driveId, file_id: file.file_id, name: 'q1-final.txt' });
    await call('/v2/recyclebin/trash', { drive_id: driveId, file_id: file.file_id });
    await call('/v2/recyclebin/list', { drive_id: driveId });
    await call('/v2/recyclebin/search_all', { drive_id: driveId });
    const restored = await call('/v2/recyclebin/restore', { drive_id: driveId, file_id: file.file_id });
    await waitForTask(pds, restored.async_task_id);
    await call('/v2/async_task/get', { async_task_id: restored.async_task_id });
    const deleted = await call('/v2/file/delete', { drive_id: driveId, file_id: folder.file_id });
    await waitForTask(pds, deleted.async_task_id);
    await call('/v2/recyclebin/clear', { drive_id: driveId });
    // Errors, in the PDS shape.
    const missing = await pds.call('/v2/file/get', { drive_id: driveId });
    expect(missing.status).toBe(400);
    check(operation('post', '/v2/file/get').responses.default.content['application/json'].schema, missing.body, 'PDS error');

    // The Jobs dialect, with the PDS bearer token.
    const jobs = async (method: string, path: string, documented: string, body?: Json) => {
      const res = await fetch(`${node.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${pds.accessToken}`, ...(body && { 'content-type': 'application/json' }) },
        body: body && JSON.stringify(body),
      });
      const answer = res.status === 204 ? {} : ((await res.json()) as Json);
      fits(method.toLowerCase(), documented, res.status, answer);
      return answer;
    };
    const list = await jobs('GET', `/v1/jobs?drive=${driveId}`, '/v1/jobs');
    expect(list.jobs.length).toBeGreaterThanOrEqual(2);
    await jobs('GET', `/v1/jobs/${list.jobs[0].jobId.id}`, '/v1/jobs/{id}');
    await jobs('GET', `/v1/drives/${driveId}/recyclebin`, '/v1/drives/{driveId}/recyclebin');
    await jobs('PUT', `/v1/drives/${driveId}/recyclebin`, '/v1/drives/{driveId}/recyclebin', { enabled: true, reservedDays: 7 });
    await jobs('GET', '/v1/auth/session', '/v1/auth/session');
    await jobs('GET', '/v1/users', '/v1/users');
    const audit = await jobs('GET', `/v1/audit?drive=${driveId}`, '/v1/audit');
    expect(audit.records.length).toBeGreaterThan(3);
    const refused = await fetch(`${node.url}/v1/jobs?pageSize=1000`, { headers: { authorization: `Bearer ${pds.accessToken}` } });
    expect(refused.status).toBe(400);
    check(operation('get', '/v1/jobs').responses.default.content['application/json'].schema, await refused.json(), 'Jobs error');
  });

  it('fits every JSON example of docs/pds.md and docs/jobs-api.md (placeholders such as "..." are not checked against formats)', () => {
    const loose = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
    /** Which documented answer each example shows, by a key it contains. */
    const owners: Record<string, [RegExp, string, string][]> = {
      'docs/pds.md': [[/"access_token"/, 'post', '/v2/account/token']],
      'docs/jobs-api.md': [
        [/"headerName"/, 'get', '/csrf'],
        [/"expiresAt"/, 'post', '/v1/auth/login'],
        [/^\{ "status"/, 'get', '/v1/jobs/{id}'],
        [/^\{ "records"/, 'get', '/v1/audit'],
        // A job report's lines are JSON Lines, not one document: docs/jobs-api.md, "Job reports".
        [/^\{"jobId":42,"type"/, '', ''],
      ],
    };
    let checked = 0;
    for (const [file, table] of Object.entries(owners)) {
      const text = readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8');
      // ```json blocks, and `# {...}` answers under a curl line.
      const examples = [...text.matchAll(/```json\n([\s\S]*?)\n```/g)].map((m) => m[1]!).concat([...text.matchAll(/^# (\{.*\})$/gm)].map((m) => m[1]!));
      for (const example of examples) {
        let value: unknown;
        try {
          value = JSON.parse(example);
        } catch {
          continue; // an elision such as {..., "x": 1, ...}
        }
        const owner = table.find(([key]) => key.test(example));
        expect(owner, `${file}: which operation answers ${example.slice(0, 60)}?`).toBeDefined();
        if (!owner![1]) continue;
        const schema = operation(owner![1], owner![2]).responses['200'].content['application/json'].schema;
        const validate = loose.compile(schema);
        expect(validate(value), `${file}: ${example.slice(0, 60)}: ${loose.errorsText(validate.errors)}`).toBe(true);
        checked++;
      }
    }
    // The /csrf and login answers of docs/jobs-api.md are output blocks of commands that
    // test/docs runs against a real server; the walkthrough above holds them to the document.
    expect(checked).toBe(3);
  });

  it('has a rendered reference at /docs/api, served from this server only', async () => {
    const page = await fetch(`${node.url}/docs/api/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).toContain('swagger-ui-bundle.js');
    // Nothing from elsewhere: every script and stylesheet is relative.
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self';/);
    const bundle = await fetch(`${node.url}/docs/api/static/swagger-ui-bundle.js`);
    expect(bundle.status).toBe(200);
    const init = await (await fetch(`${node.url}/docs/api/static/swagger-initializer.js`)).text();
    expect(init).toContain('./json');
    const served = (await (await fetch(`${node.url}/docs/api/json`)).json()) as Json;
    expect(served.paths['/v2/recyclebin/restore']).toEqual(doc.paths['/v2/recyclebin/restore']);
  });
});
