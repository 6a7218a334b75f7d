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

/**
 * A request that came with `Authorization: Bearer <access_token>`, handed to an operation
 * that checks the token in the statement that reads its answer (runWithToken).
 */
export interface BearerCall {
  accessToken: string;
  /** The actor, marked with the dialect the request came by (actingVia). */
  actingAs(actor: Actor): Actor;
  /** The pipeline's ordinary authentication, for an input error: a bad token is told first. */
  authenticate(): Promise<Actor>;
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
  | {
      auth: 'user';
      handle(ctx: UserContext, body: JsonObject): Promise<Answer>;
      /** Set when the operation has runWithToken: the pipeline calls it for bearer tokens instead of authenticating first. */
      handleWithToken?(ctx: OpContext, call: BearerCall, body: JsonObject): Promise<Answer>;
    }
);

/** The steps of a user operation, and optionally how to run it with the token checked in its own read. */
interface UserSteps<I, R> extends Steps<UserContext, I, R> {
  /**
   * The same as `run`, for a bearer token not yet checked: the core checks it in the
   * statement that reads the answer (one round trip instead of two or more) and says who
   * the actor was. Only for the hottest reads; it must answer exactly as authenticate + run.
   */
  runWithToken?(ctx: OpContext, accessToken: string, input: I): Promise<{ actor: Actor; result: R }>;
}

/** An operation that needs a signed-in user (every one but the token grant). */
export function userOperation<I, R>(steps: UserSteps<I, R>): PdsOperation {
  const { runWithToken } = steps;
  return {
    auth: 'user',
    parse: (body) => steps.parse(body),
    async handle(ctx, body) {
      const input = steps.parse(body);
      return steps.render(await steps.run(ctx, input), ctx);
    },
    ...(runWithToken && {
      async handleWithToken(ctx: OpContext, call: BearerCall, body: JsonObject) {
        let input: I;
        try {
          input = steps.parse(body);
        } catch (err) {
          await call.authenticate();
          throw err;
        }
        const { actor, result } = await runWithToken(ctx, call.accessToken, input);
        return steps.render(result, { ...ctx, actor: call.actingAs(actor) });
      },
    }),
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
