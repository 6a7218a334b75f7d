import { newDeletionEventId } from '../../../../core/ids.js';
import { isStorableText, STORABLE_TEXT_RULE } from '../../../../core/text.js';
import { invalid, missing, outOfRange, type PdsErrorBody, toPdsError, wrongFormat } from '../../errors.js';
import { fields, type JsonObject } from '../../fields.js';
import { type Answer, type PdsOperation, type UserContext, userOperation } from '../../operation.js';

/** Sub-requests one batch may hold (the SDK's batch documentation: at most 100). */
export const MAX_BATCH_REQUESTS = 100;
const METHODS = ['POST', 'GET', 'PUT', 'DELETE', 'HEAD'] as const;
const RESOURCES = ['file'] as const;
const BATCH_PATH = '/v2/batch';

/** Every operation by its path: the table the server routes on, so a sub-request takes the same handler. */
export type OperationTable = Readonly<Record<string, PdsOperation>>;
/** Each path's body check (request-schemas.ts), the pipeline's own. */
export type BodyCheckTable = Readonly<Record<string, (body: JsonObject) => void>>;

interface SubRequest {
  id: string;
  method: (typeof METHODS)[number];
  /** The operation's path, `/v2` added when the url came without it. */
  path: string;
  body: JsonObject;
}

interface SubResponse {
  id: string;
  status: number;
  body?: unknown;
}

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `/file/get`, `/v2/file/get` (a query string is not part of the path) -> `/v2/file/get`. */
function pathOf(url: string): string {
  const path = url.split('?')[0]!;
  return path.startsWith('/v2/') ? path : `/v2${path.startsWith('/') ? '' : '/'}${path}`;
}

/** A string field of sub-request `at`: missing, or of another type, is the batch's 400. */
function subString(item: JsonObject, at: string, field: string): string {
  const v: unknown = item[field] ?? undefined;
  if (v === undefined || v === '') throw missing(`${at}.${field}`);
  if (typeof v !== 'string') throw invalid(`${at}.${field}`, 'must be a string');
  if (!isStorableText(v)) throw wrongFormat(`${at}.${field}`, `text must have ${STORABLE_TEXT_RULE}`);
  if (v.length > 1024) throw outOfRange(`${at}.${field}`, 'at most 1024 characters');
  return v;
}

/** The batch's own shape; each sub-request's body is left to its operation. */
function parseRequests(body: JsonObject): SubRequest[] {
  const list: unknown = body.requests ?? undefined;
  if (list === undefined) throw missing('requests');
  if (!Array.isArray(list)) throw invalid('requests', 'must be an array');
  if (list.length > MAX_BATCH_REQUESTS) throw outOfRange('requests', `at most ${MAX_BATCH_REQUESTS} sub-requests`);
  const seen = new Set<string>();
  return list.map((item: unknown, i) => {
    const at = `requests[${i}]`;
    if (!isObject(item)) throw invalid(at, 'must be an object');
    const id = subString(item, at, 'id');
    if (seen.has(id)) throw invalid(`${at}.id`, `the id ${id} is used twice`);
    seen.add(id);
    const methodText = subString(item, at, 'method').toUpperCase();
    const method = METHODS.find((m) => m === methodText);
    if (method === undefined) throw invalid(`${at}.method`, `must be one of ${METHODS.join(', ')}`);
    const url = subString(item, at, 'url');
    const subBody: unknown = item.body ?? {};
    if (!isObject(subBody)) throw invalid(`${at}.body`, 'must be a JSON object');
    const headers: unknown = item.headers ?? {};
    if (!isObject(headers)) throw invalid(`${at}.headers`, 'must be an object');
    return { id, method, path: pathOf(url), body: subBody };
  });
}

const notFound = (sub: SubRequest): PdsErrorBody => ({
  status: 404,
  code: 'NotFound',
  message: `The resource ${sub.method} ${sub.path} cannot be found.`,
});

/**
 * One sub-request through the operation that serves its path alone, with the batch's
 * caller: the same schema check, parsing, validation, authorisation (the core checks the caller on
 * every drive, file and task) and error mapping. What the server would answer 404 (an
 * unknown path, a method other than POST) is a 404 here; a batch in a batch is refused.
 */
async function runOne(ctx: UserContext, table: OperationTable, checks: BodyCheckTable, sub: SubRequest): Promise<SubResponse> {
  const op = Object.hasOwn(table, sub.path) ? table[sub.path] : undefined;
  let answer: Answer;
  try {
    if (sub.path === BATCH_PATH) throw invalid('url', 'a batch cannot hold a batch');
    if (op === undefined || sub.method !== 'POST') return { id: sub.id, ...asBody(notFound(sub)) };
    checks[sub.path]?.(sub.body);
    answer = await op.handle(ctx, sub.body);
  } catch (err) {
    const known = toPdsError(err);
    if (known) return { id: sub.id, ...asBody(known) };
    ctx.logError?.(err, `batch sub-request ${sub.id} (${sub.path})`);
    return { id: sub.id, status: 500, body: { code: 'InternalError', message: 'The server hit an internal error.' } };
  }
  return answer.body === undefined ? { id: sub.id, status: answer.status } : { id: sub.id, status: answer.status, body: answer.body };
}

const asBody = (e: PdsErrorBody) => ({ status: e.status, body: { code: e.code, message: e.message } });

/**
 * POST /v2/batch: `{resource: "file", requests: [{id, method, url, body, headers?}]}`
 * answering 200 `{responses: [{id, status, body}]}` in request order. Sub-requests run one
 * after another, each in its own transaction (a batch is not atomic, as in PDS); a
 * malformed batch is a 400 before any of them runs. Every item its trash sub-requests
 * remove shares one deletion event.
 */
export function batchOperation(table: () => OperationTable, checks: () => BodyCheckTable): PdsOperation {
  return userOperation({
    parse(body) {
      fields.requiredOneOf(body, 'resource', RESOURCES);
      return { requests: parseRequests(body) };
    },
    async run(ctx, input) {
      const responses: SubResponse[] = [];
      // Whatever a batch trashes was removed at once: one deletion event (issue 14 item 3).
      const shared = { ...ctx, deletionEventId: newDeletionEventId() };
      for (const sub of input.requests) responses.push(await runOne(shared, table(), checks(), sub));
      return responses;
    },
    render: (responses) => ({ status: 200, body: { responses } }),
  });
}
