import { type TSchema, Type } from '@sinclair/typebox';
import { compileCheck, type SchemaCheck } from '../openapi/schema-check.js';
import { malformed } from './errors.js';
import { JOBS_DOCS } from './openapi-docs.js';
import type { JobsOperation, RequestParts } from './operation.js';
import { JOBS_OPERATIONS } from './operations.js';

export type JobsOperationName = keyof typeof JOBS_OPERATIONS;

/** What the document publishes of one operation's request, and the server checks. */
export interface JobsRequestSchemas {
  /** Each `:name` of the route: a required string. */
  params?: TSchema;
  /** Query parameters: strings, as on the wire (a repeated one counts once). */
  query?: TSchema;
  body?: TSchema;
}

function paramsOf(path: string): TSchema | undefined {
  const names = [...path.matchAll(/:(\w+)/g)].map((m) => m[1]!);
  return names.length === 0 ? undefined : Type.Object(Object.fromEntries(names.map((n) => [n, Type.String()])));
}

/**
 * Every Jobs operation's request schemas, made once from JOBS_DOCS and the route's path:
 * the table both /openapi.json (api/openapi/document.ts) and the checks below read.
 */
export const JOBS_REQUEST_SCHEMAS: Record<JobsOperationName, JobsRequestSchemas> = Object.fromEntries(
  (Object.keys(JOBS_OPERATIONS) as JobsOperationName[]).map((name) => [
    name,
    { params: paramsOf(JOBS_OPERATIONS[name].path), query: JOBS_DOCS[name].query, body: JOBS_DOCS[name].body },
  ]),
) as Record<JobsOperationName, JobsRequestSchemas>;

/** Checks one request's path, query and body; throws the Jobs error of the first fault. */
export type RequestCheck = (req: RequestParts) => void;

/** The compiled checks, keyed by part, so the contract test can see what was compiled. */
export type CompiledRequestChecks = Record<JobsOperationName, { check: RequestCheck; compiled: Partial<Record<keyof JobsRequestSchemas, SchemaCheck>> }>;

/**
 * Every operation's published request schemas, compiled once (at start-up, when the Jobs
 * scope registers its routes). A request the schemas accept goes on to the operation.
 * One they refuse is first handed to the operation's own parser, whose errors are the
 * precise ones clients know; only when the parser accepts what a schema refused is the
 * schema's refusal answered: 400 InvalidRequest naming the field, the dialect's own shape.
 */
export function compileRequestChecks(operations: Record<JobsOperationName, JobsOperation> = JOBS_OPERATIONS): CompiledRequestChecks {
  const out = {} as CompiledRequestChecks;
  for (const name of Object.keys(JOBS_REQUEST_SCHEMAS) as JobsOperationName[]) {
    const schemas = JOBS_REQUEST_SCHEMAS[name];
    const compiled: Partial<Record<keyof JobsRequestSchemas, SchemaCheck>> = {};
    for (const part of ['params', 'query', 'body'] as const) {
      const schema = schemas[part];
      if (schema) compiled[part] = compileCheck(schema);
    }
    const parts = Object.entries(compiled) as [keyof JobsRequestSchemas, SchemaCheck][];
    const op = operations[name];
    const check: RequestCheck = (req) => {
      for (const [part, { refusal }] of parts) {
        const refused = refusal(req[part]);
        if (refused === undefined) continue;
        op.parse(req);
        throw malformed(refused.field, refused.why);
      }
    };
    out[name] = { check, compiled };
  }
  return out;
}
