import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOBS_DOCS } from '../../src/api/jobs/openapi-docs.js';
import { JOBS_OPERATIONS } from '../../src/api/jobs/operations.js';
import { compileRequestChecks, JOBS_REQUEST_SCHEMAS, type JobsOperationName } from '../../src/api/jobs/request-schemas.js';
import { openApiDocument } from '../../src/api/openapi/document.js';
import { PDS_DOCS } from '../../src/api/pds/openapi-docs.js';
import { PDS_OPERATIONS, pdsBodyChecks, type PdsPath } from '../../src/api/pds/operations.js';
import { compileBodyChecks } from '../../src/api/pds/request-schemas.js';
import { toJobsError } from '../../src/api/jobs/errors.js';
import { toPdsError } from '../../src/api/pds/errors.js';
import { startTestNode, type TestNode } from '../support/node.js';
import { makeFolder, type PdsClient, signIn } from '../pds/support/pds-client.js';

type Json = Record<string, any>;
const plain = (s: unknown): Json => JSON.parse(JSON.stringify(s)) as Json;

/** A value of the wrong JSON type for a property of this schema; undefined when any type goes. */
function wrongTypeFor(schema: Json): unknown {
  // An optional field may be null (or "", for ids and choices): what else it may be is the question.
  const members: Json[] | undefined = schema.anyOf?.filter((s: Json) => s.type !== 'null' && s.const !== '');
  if (members && members.length === 1) return wrongTypeFor(members[0]!);
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
      return members?.every((s: Json) => s.const !== undefined) ? 'none-of-these' : undefined;
  }
}

/**
 * The schemas the document publishes are the very objects the pipelines compile and
 * check every request against (pds/request-schemas.ts, jobs/request-schemas.ts): one
 * table read by both, so the document cannot drift from what the server checks.
 */
describe('the published request schemas are the ones requests are checked against', () => {
  const doc = openApiDocument() as Json;
  const plainOf = (s: unknown) => JSON.parse(JSON.stringify(s)) as unknown;

  it('PDS: every operation\'s compiled body schema is PDS_DOCS\' own object, and the document shows it', () => {
    const { checks, schemas } = pdsBodyChecks();
    expect(Object.keys(checks).sort()).toEqual(Object.keys(PDS_OPERATIONS).sort());
    for (const path of Object.keys(PDS_OPERATIONS) as PdsPath[]) {
      expect(schemas[path], path).toBe(PDS_DOCS[path].body);
      expect(doc.paths[path].post.requestBody.content['application/json'].schema, path).toEqual(plainOf(schemas[path]));
    }
  });

  it('Jobs: every operation\'s compiled path, query and body schemas are the table\'s objects, and the document shows them', () => {
    const compiled = compileRequestChecks();
    for (const name of Object.keys(JOBS_OPERATIONS) as JobsOperationName[]) {
      const table = JOBS_REQUEST_SCHEMAS[name];
      expect(table.body, name).toBe(JOBS_DOCS[name].body);
      expect(table.query, name).toBe(JOBS_DOCS[name].query);
      for (const part of ['params', 'query', 'body'] as const) expect(compiled[name].compiled[part]?.schema, `${name} ${part}`).toBe(table[part]);
      const op = doc.paths[JOBS_OPERATIONS[name].path.replace(/:(\w+)/g, '{$1}')][JOBS_OPERATIONS[name].method.toLowerCase()];
      expect(op.requestBody?.content['application/json'].schema, name).toEqual(table.body && plainOf(table.body));
      const params = (op.parameters ?? []) as Json[];
      const documented = (where: string) => Object.fromEntries(params.filter((p) => p.in === where).map((p) => [p.name, p.schema]));
      expect(documented('path'), name).toEqual((plainOf(table.params ?? { properties: {} }) as Json).properties);
      expect(documented('query'), name).toEqual((plainOf(table.query ?? { properties: {} }) as Json).properties);
    }
  });
});

const ID = 'd5b1c2e3f4a5b6c7d8e9f0a1';

/** What a check threw, as the dialect answers it; undefined when it let the request through. */
function thrown<E>(run: () => void, answer: (err: unknown) => E): E | undefined {
  try {
    run();
  } catch (err) {
    return answer(err);
  }
  return undefined;
}

describe('a request the schema refuses', () => {
  // Operations whose parser accepts anything: what is left is the schema's own answer.
  const lenient = <T extends { parse: unknown }>(table: Record<string, T>) =>
    Object.fromEntries(Object.entries(table).map(([k, op]) => [k, { ...op, parse: () => undefined }])) as Record<string, T>;

  it('PDS: answers the parser\'s own error when the parser refuses it too', () => {
    const { checks } = pdsBodyChecks();
    expect(thrown(() => checks['/v2/file/get']({ drive_id: 5, file_id: ID }), toPdsError)).toEqual({
      status: 400,
      code: 'InvalidParameter',
      message: 'The input parameter drive_id is not valid: must be a string.',
    });
    expect(thrown(() => checks['/v2/file/get']({ drive_id: ID, file_id: ID }), toPdsError)).toBeUndefined();
  });

  it('PDS: else the schema\'s refusal, in PDS\'s codes, naming the field by its path (never a 500)', () => {
    const { checks } = compileBodyChecks(lenient(PDS_OPERATIONS) as typeof PDS_OPERATIONS);
    const answer = (path: PdsPath, body: Json) => thrown(() => checks[path](body), toPdsError);
    expect(answer('/v2/file/get', { file_id: ID })).toEqual({ status: 400, code: 'InvalidParameterMissing', message: 'The input parameter drive_id is missing.' });
    expect(answer('/v2/file/get', { drive_id: true, file_id: ID })).toMatchObject({ code: 'InvalidParameter', message: 'The input parameter drive_id is not valid: must be a string.' });
    expect(answer('/v2/file/get', { drive_id: 'a b', file_id: ID })).toMatchObject({ code: 'InvalidParameterWrongFormat', message: expect.stringContaining('The input parameter drive_id has invalid format') });
    expect(answer('/v2/file/list', { drive_id: ID, limit: 500 })).toMatchObject({ code: 'InvalidParameterOutOfRange', message: 'The input parameter limit doesn\'t match the limitation: must be between 0 and 200.' });
    expect(answer('/v2/file/create', { drive_id: ID, name: 'n', type: 'file', check_name_mode: 'never' })).toMatchObject({ code: 'InvalidParameter', message: expect.stringContaining('check_name_mode') });
    expect(answer('/v2/batch', { resource: 'file', requests: [{ method: 'POST', url: '/file/get' }] })).toMatchObject({ code: 'InvalidParameterMissing', message: 'The input parameter requests[0].id is missing.' });
    expect(answer('/v2/file/create', { drive_id: ID, name: 'n', type: 'file', part_info_list: [{ part_number: 'one' }] })).toMatchObject({ message: expect.stringContaining('part_info_list[0].part_number') });
  });

  it('Jobs: the parser\'s error first, else the schema\'s as InvalidRequest naming the field', () => {
    const real = compileRequestChecks();
    const parts = (body: unknown, params: Json = {}) => ({ body, query: {}, params });
    expect(thrown(() => real.updateRecycleBin.check(parts({}, { driveId: ID })), toJobsError)).toMatchObject({ status: 400, code: 'InvalidRequest', message: 'The request is malformed: enabled must be true or false.' });
    const checks = compileRequestChecks(lenient(JOBS_OPERATIONS) as typeof JOBS_OPERATIONS);
    expect(thrown(() => checks.updateRecycleBin.check(parts({}, { driveId: ID })), toJobsError)).toEqual({
      status: 400,
      code: 'InvalidRequest',
      message: 'The request is malformed: enabled is required.',
      details: 'parameter: enabled',
    });
    expect(thrown(() => checks.cancelJob.check(parts({ jobId: { id: 'x' } })), toJobsError)).toMatchObject({ message: 'The request is malformed: jobId.id must be an integer.' });
    expect(thrown(() => checks.updateRecycleBin.check(parts({ enabled: true })), toJobsError)).toMatchObject({ message: 'The request is malformed: driveId is required.' });
    expect(thrown(() => checks.updateRecycleBin.check(parts({ enabled: true, reservedDays: 7 }, { driveId: ID })), toJobsError)).toBeUndefined();
  });
});

/**
 * What clients legitimately send must pass the published schema: for each PDS operation,
 * each documented field set to each of a grid of values (null and "" for "not set", either
 * case, numbers, lists, long text...), the schema may refuse a body only if the operation's
 * own parser refuses it too. So the schema describes what the server takes, no stricter.
 */
describe('the PDS request schemas refuse nothing the parsers accept', () => {
  const values: Record<string, unknown> = {
    drive_id: ID, file_id: ID, parent_file_id: 'root', to_parent_file_id: 'root', name: 'n', type: 'file', query: 'name = "x"', upload_id: 'u1',
    async_task_id: '1', drive_name: 'd', user_id: 'u1', user_name: 'someone', file_path: '/f', refresh_token: 'r', access_key_id: 'k', status: 'enabled',
    role: 'viewer', resource: 'file', requests: [], grant_type: 'password', username: 'a', password: 'p',
  };
  const grid: unknown[] = [
    null, '', '5', 5, 0, -1, 1.5, true, 'true', 'asc', 'Desc', 'ASC', 'name', 'update_time', 'size', 'created_at', 'updated_at', 'file', 'folder', 'FILE',
    'auto_rename', 'refuse', 'ignore', 'x', 'root', 'enabled', 'disabled', 'admin', 'user', 'viewer', 'editor', 'owner', [], {}, [{ part_number: 1 }], [{}],
    [{ part_number: null, part_size: null }], [{ id: '1', method: 'post', url: '/file/get', body: null }], 'a'.repeat(2000), 'text/plain', ID, 'delete', 'transfer',
    { mode: 'governance', min_retention_days: 1 }, 100, 101, 200, 201, 1000, 115_200, 2 ** 31,
  ];
  const { schemas } = pdsBodyChecks();
  it.each(Object.keys(PDS_OPERATIONS) as PdsPath[])('%s', (path) => {
    const op = PDS_OPERATIONS[path];
    const refused = compileBodyChecks({ [path]: { ...op, parse: () => undefined } } as unknown as typeof PDS_OPERATIONS).checks[path];
    const schema = plain(schemas[path]);
    const objects: Json[] = schema.anyOf ?? [schema];
    for (const variant of objects) {
      const base = Object.fromEntries(((variant.required ?? []) as string[]).map((p) => [p, values[p]]));
      const accepts = (body: Json) => thrown(() => op.parse(body), (e) => e) === undefined;
      if (!accepts(base)) continue; // the token's other grant
      const disagreements: string[] = [];
      for (const p of Object.keys(variant.properties ?? {})) {
        for (const v of grid) {
          const body = { ...base, [p]: v };
          const schemaSays = thrown(() => refused(body), toPdsError);
          if (schemaSays && accepts(body)) disagreements.push(`${p}: ${JSON.stringify(v).slice(0, 40)} -> ${schemaSays.message}`);
        }
      }
      expect(disagreements).toEqual([]);
    }
  });
});

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
