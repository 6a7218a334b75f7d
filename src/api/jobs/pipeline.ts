import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Salvage } from '../../core/salvage.js';
import { malformed } from './errors.js';
import { actingVia } from '../client-dialect.js';
import type { Answer, JobsOperation, OpContext, RequestParts } from './operation.js';
import type { RequestCheck } from './request-schemas.js';
import { cookieName } from '../web-session.js';
import { authenticateUser, bearerTokenOf, requireCsrfPair, sessionCookieOf } from './session.js';

/** The body, read as text by the scope's parser: undefined when empty, else JSON. */
function jsonBody(raw: unknown): unknown {
  if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) return undefined;
  if (typeof raw !== 'string') throw malformed('body', 'must be JSON text');
  try {
    return JSON.parse(raw);
  } catch {
    throw malformed('body', 'is not valid JSON');
  }
}

const stringsOf = (value: unknown): Record<string, string | undefined> => {
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries((value ?? {}) as Record<string, unknown>)) {
    // A repeated query parameter counts once, the first as written.
    out[k] = Array.isArray(v) ? String(v[0]) : v === undefined ? undefined : String(v);
  }
  return out;
};

function send(reply: FastifyReply, answer: Answer, secure: boolean) {
  for (const c of answer.cookies ?? []) {
    // Lax: sent on top-level navigation (a link to /ui/), never on cross-site POSTs or fetches.
    reply.setCookie(cookieName(c.name, secure), c.value, { path: '/', httpOnly: c.httpOnly, sameSite: 'lax', secure, maxAge: c.maxAgeSec });
  }
  reply.code(answer.status);
  if (answer.headers) reply.headers(answer.headers);
  return answer.body === undefined ? reply.send() : reply.send(answer.body);
}

/**
 * The fixed Jobs pipeline for one operation, one step a line:
 *   (route lookup by Fastify) -> auth -> body -> schema -> parse -> handler -> render -> cookies -> error.
 * `schema` is the operation's published path, query and body schemas, compiled at start-up
 * (request-schemas.ts). Errors thrown at any step go to the scope's error handler (toJobsError).
 */
export function operationHandler(op: JobsOperation, checkRequest: RequestCheck, salvage: Salvage) {
  return async (req: FastifyRequest, reply: FastifyReply) => {
    const secure = req.protocol === 'https';
    const base: OpContext = { salvage, secure, sessionCookie: sessionCookieOf(req), bearerToken: bearerTokenOf(req), address: req.ip };
    const parts = (): RequestParts => {
      const read = { body: jsonBody(req.body), query: stringsOf(req.query), params: stringsOf(req.params) };
      checkRequest(read); // the published schemas
      return read;
    };
    if (op.auth === 'user') {
      const user = await authenticateUser(req, salvage); // auth before the body is looked at
      const ctx = { ...base, user, actor: actingVia(salvage.users.actorOf(user), req, 'jobs') };
      return send(reply, await op.handle(ctx, parts()), secure); // parse -> run -> render
    }
    if (op.auth === 'csrf') requireCsrfPair(req);
    return send(reply, await op.handle(base, parts()), secure);
  };
}
