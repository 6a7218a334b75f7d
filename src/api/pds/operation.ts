import type { Salvage } from '../../core/salvage.js';
import type { Actor } from '../../core/types.js';
import type { JsonObject } from './fields.js';

/** What every operation may use besides its input: the core, and where this server is reached. */
export interface OpContext {
  salvage: Salvage;
  /** `http://host:port` as the client addressed this server; signed URLs are built on it. */
  baseUrl: string;
  /** The client's address as the server sees it (sign-in failures are counted per address). */
  address: string;
  /** Logs an unexpected error that is answered without failing the whole request (a batch's sub-request). */
  logError?: (err: unknown, what: string) => void;
}

export interface UserContext extends OpContext {
  actor: Actor;
  /** Set by /v2/batch: the one deletion event every trash sub-request of the batch shares. */
  deletionEventId?: string;
}

/** An operation's answer: a status and a JSON body (none for 204). */
export interface Answer {
  status: number;
  body?: unknown;
  /** Extra response headers (Cache-Control: no-store on token answers). */
  headers?: Record<string, string>;
}

interface Steps<C, I, R> {
  /** Fields -> typed input; throws the PDS InvalidParameter* errors. */
  parse(body: JsonObject): I;
  /** Calls the core; nothing else. */
  run(ctx: C, input: I): Promise<R>;
  /** Core result -> the PDS answer. */
  render(result: R, ctx: C): Answer;
}

/**
 * An operation with its types erased behind closures, so the table can hold them all
 * without casts: the pipeline authenticates, checks the body against the operation's
 * published schema (request-schemas.ts) and hands it over. `parse` alone is how that
 * check asks the operation for its own, more precise, error.
 */
export type PdsOperation = { parse(body: JsonObject): unknown } & (
  | { auth: 'none'; handle(ctx: OpContext, body: JsonObject): Promise<Answer> }
  | { auth: 'user'; handle(ctx: UserContext, body: JsonObject): Promise<Answer> }
);

/** An operation that needs a signed-in user (every one but the token grant). */
export function userOperation<I, R>(steps: Steps<UserContext, I, R>): PdsOperation {
  return {
    auth: 'user',
    parse: (body) => steps.parse(body),
    async handle(ctx, body) {
      const input = steps.parse(body);
      return steps.render(await steps.run(ctx, input), ctx);
    },
  };
}

/** An operation anyone may call: the token grant, which is how one signs in. */
export function publicOperation<I, R>(steps: Steps<OpContext, I, R>): PdsOperation {
  return {
    auth: 'none',
    parse: (body) => steps.parse(body),
    async handle(ctx, body) {
      const input = steps.parse(body);
      return steps.render(await steps.run(ctx, input), ctx);
    },
  };
}
