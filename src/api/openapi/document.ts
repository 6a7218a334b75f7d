import type { TSchema } from '@sinclair/typebox';
import { JOBS_DOCS, JobsError } from '../jobs/openapi-docs.js';
import type { JobsOperation } from '../jobs/operation.js';
import { JOBS_OPERATIONS } from '../jobs/operations.js';
import { JOBS_REQUEST_SCHEMAS } from '../jobs/request-schemas.js';
import { PDS_DOCS } from '../pds/openapi-docs.js';
import { PdsError } from '../pds/openapi-schemas.js';
import { PDS_OPERATIONS, type PdsPath } from '../pds/operations.js';
import { SESSION_COOKIE, XSRF_COOKIE } from '../web-session.js';
import { PACKAGE_VERSION } from '../../shared/package-root.js';
import type { OperationDoc } from './operation-doc.js';

type Json = Record<string, unknown>;

/** A TypeBox schema as plain JSON Schema (TypeBox marks its schemas with symbols). */
const plain = (schema: TSchema): Json => JSON.parse(JSON.stringify(schema)) as Json;

const version = PACKAGE_VERSION;

function jsonContent(schema: TSchema | undefined, example: unknown): Json {
  return { 'application/json': { schema: schema ? plain(schema) : { type: 'object' }, ...(example !== undefined && { example }) } };
}

function responses(doc: OperationDoc, error: TSchema): Json {
  const status = String(doc.status ?? 200);
  const success = status === '204' ? { description: 'Done; no body.' } : { description: 'Success.', content: jsonContent(doc.response, doc.example?.response) };
  return { [status]: success, default: { description: 'An error, in this dialect\'s shape (docs/pds.md, docs/jobs-api.md).', content: jsonContent(error, undefined) } };
}

function pdsOperation(path: PdsPath, auth: 'none' | 'user'): Json {
  // doc.body is the schema the PDS pipeline checks requests against (pds/request-schemas.ts).
  const doc = PDS_DOCS[path];
  return {
    operationId: `pds${path.slice(3).replace(/[/_](\w)/g, (_m, c: string) => c.toUpperCase())}`,
    tags: [`PDS ${path.split('/')[2]}`],
    summary: doc.summary,
    security: auth === 'none' ? [] : [{ bearer: [] }],
    requestBody: { required: false, content: jsonContent(doc.body, doc.example?.request) },
    responses: responses(doc, PdsError),
  };
}

function jobsOperation(name: keyof typeof JOBS_OPERATIONS, op: JobsOperation): Json {
  const doc = JOBS_DOCS[name];
  // The schemas the Jobs pipeline checks requests against (jobs/request-schemas.ts).
  const request = JOBS_REQUEST_SCHEMAS[name];
  const propsOf = (schema: TSchema | undefined) => (schema ? (plain(schema).properties as Record<string, Json> | undefined) : undefined) ?? {};
  const pathParams = Object.entries(propsOf(request.params)).map(([p, schema]) => ({ name: p, in: 'path', required: true, schema }));
  const queryProps = propsOf(request.query);
  const queryParams = Object.entries(queryProps).map(([q, schema]) => ({ name: q, in: 'query', required: false, schema, description: schema.description }));
  const security = op.auth === 'none' ? [] : op.auth === 'csrf' ? [{ csrfHeader: [], csrfCookie: [] }] : [{ session: [], csrfHeader: [], csrfCookie: [] }, { bearer: [] }];
  return {
    operationId: `jobs${name[0]!.toUpperCase()}${name.slice(1)}`,
    tags: [`Jobs ${op.path.split('/')[2] ?? 'auth'}`],
    summary: doc.summary,
    security,
    ...(pathParams.length + queryParams.length > 0 && { parameters: [...pathParams, ...queryParams] }),
    ...(request.body && { requestBody: { required: true, content: jsonContent(request.body, doc.example?.request) } }),
    responses: responses(doc, JobsError),
  };
}

/**
 * The OpenAPI 3.1 document of the PDS and Jobs dialects, built from their operation
 * tables (every route, its method and its auth) and each table's docs (schemas, examples).
 * The NAS dialect (`/?Action=`, one path for every action) is described in docs/nas.md.
 */
export function openApiDocument(): Json {
  const paths: Record<string, Json> = {};
  for (const [path, op] of Object.entries(PDS_OPERATIONS) as [PdsPath, (typeof PDS_OPERATIONS)[PdsPath]][]) {
    paths[path] = { post: pdsOperation(path, op.auth) };
  }
  for (const [name, op] of Object.entries(JOBS_OPERATIONS) as [keyof typeof JOBS_OPERATIONS, JobsOperation][]) {
    const path = op.path.replace(/:(\w+)/g, '{$1}');
    paths[path] = { ...paths[path], [op.method.toLowerCase()]: jobsOperation(name, op) };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Salvage: PDS and Jobs APIs',
      version,
      description: 'The PDS dialect (POST /v2/...) and the Jobs dialect (/v1/...) of Salvage. Each operation answers errors in its dialect\'s shape. Signed content URLs (upload PUT, download GET) and the NAS dialect (/?Action=) are described in the repository\'s docs/ folder.',
    },
    paths,
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'An access token from POST /v2/account/token.' },
        session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE, description: 'The session cookie POST /v1/auth/login sets.' },
        csrfCookie: { type: 'apiKey', in: 'cookie', name: XSRF_COOKIE, description: 'From GET /csrf; sent back in X-XSRF-TOKEN.' },
        csrfHeader: { type: 'apiKey', in: 'header', name: 'X-XSRF-TOKEN', description: 'The XSRF-TOKEN cookie\'s value, on every call but GET.' },
      },
    },
  };
}
