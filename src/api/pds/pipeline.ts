import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Salvage } from '../../core/salvage.js';
import type { Actor } from '../../core/types.js';
import { actingVia } from '../client-dialect.js';
import { authenticate, bearerToken } from './auth.js';
import { badJson } from './errors.js';
import type { JsonObject } from './fields.js';
import type { Answer, PdsOperation } from './operation.js';
import type { BodyCheck } from './request-schemas.js';

/** The request body, read as text by the scope's parser: `{}` when empty, else a JSON object. */
function jsonBody(raw: unknown): JsonObject {
  if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) return {};
  if (typeof raw !== 'string') throw badJson('the body must be JSON text');
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (err) {
    throw badJson(err instanceof Error ? err.message : 'not JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw badJson('the body must be a JSON object');
  return value as JsonObject;
}

const HOST = /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::[0-9]{1,5})?$/;

/**
 * How the client reached this server, for the signed URLs it is handed back: the
 * configured public URL when there is one (a Host header is the client's to write, and a
 * URL built on it could send the next client's bytes elsewhere); else the request's
 * protocol and host, which a trusted proxy's X-Forwarded-Proto/-Host set.
 */
export function baseUrlOf(req: FastifyRequest, publicUrl?: string): string {
  if (publicUrl) return publicUrl;
  const host = req.host;
  if (host && HOST.test(host)) return `${req.protocol}://${host}`;
  const { localAddress = '127.0.0.1', localPort } = req.socket;
  return `http://${localAddress.includes(':') ? `[${localAddress}]` : localAddress}:${localPort}`;
}

/**
 * The fixed PDS pipeline for one operation, one step a line:
 *   request id -> (route lookup) -> auth -> body -> schema -> parse -> handler -> render -> error.
 * An operation that checks a bearer token in its own read (runWithToken) runs auth and
 * handler as one step, after the body, with the same answers.
 * The request id is stamped by the scope's onRequest hook, before anything can fail;
 * `schema` is the operation's published body schema, compiled at start-up (request-schemas.ts);
 * errors thrown at any step go to the scope's error handler (toPdsError).
 */
export function operationHandler(op: PdsOperation, checkBody: BodyCheck, salvage: Salvage, publicUrl?: string) {
  return async (req: FastifyRequest, reply: FastifyReply) => {
    const base = { salvage, baseUrl: baseUrlOf(req, publicUrl), address: req.ip, logError: (err: unknown, what: string) => req.log.error({ err }, what) };
    let answer: Answer;
    const accessToken = op.auth === 'user' && op.handleWithToken ? bearerToken(req) : undefined;
    if (op.auth === 'user' && op.handleWithToken && accessToken !== undefined) {
      // The token is checked in the statement that reads the answer (operation.ts,
      // runWithToken); a body error still waits for the token, so a bad one is told first.
      const call = { accessToken, actingAs: (actor: Actor) => actingVia(actor, req, 'pds'), authenticate: () => authenticate(req, salvage) };
      let body: JsonObject;
      try {
        body = jsonBody(req.body);
        checkBody(body);
      } catch (err) {
        await call.authenticate();
        throw err;
      }
      answer = await op.handleWithToken(base, call, body);
    } else if (op.auth === 'user') {
      const actor = await authenticate(req, salvage); // auth before the body is looked at
      const body = jsonBody(req.body);
      checkBody(body); // the published schema
      answer = await op.handle({ ...base, actor }, body); // parse -> run -> render
    } else {
      const body = jsonBody(req.body);
      checkBody(body);
      answer = await op.handle(base, body);
    }
    reply.code(answer.status);
    if (answer.headers) reply.headers(answer.headers);
    return answer.body === undefined ? reply.send() : reply.send(answer.body);
  };
}
