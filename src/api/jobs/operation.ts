import type { Salvage } from '../../core/salvage.js';
import type { Actor, User } from '../../core/types.js';

/** What an operation reads from a request: the parsed JSON body, the query and the path parameters. */
export interface RequestParts {
  /** The JSON body; undefined when the request had none. */
  body: unknown;
  query: Record<string, string | undefined>;
  params: Record<string, string | undefined>;
}

/** A cookie the answer sets (or clears, with `maxAgeSec: 0`). */
export interface CookieChange {
  name: string;
  value: string;
  httpOnly: boolean;
  maxAgeSec: number;
}

/** An operation's answer: a status, a JSON body (none for 204), and cookies to set. */
export interface Answer {
  status: number;
  body?: unknown;
  cookies?: CookieChange[];
  /** Extra response headers (Cache-Control: no-store on the login's answer). */
  headers?: Record<string, string>;
}

export interface OpContext {
  salvage: Salvage;
  /** The request came over TLS: cookies then carry `Secure`. */
  secure: boolean;
  /** The session cookie as sent, valid or not (for /csrf and logout). */
  sessionCookie: string | undefined;
  /** The bearer token of `Authorization`, as sent (for logout). */
  bearerToken: string | undefined;
  /** The client's address as the server sees it (sign-in failures are counted per address). */
  address: string;
}

export interface UserContext extends OpContext {
  actor: Actor;
  user: User;
}

/**
 * Who may call: `none` anyone (GET /csrf); `csrf` anyone with the double-submit pair and no
 * session yet (the login); `user` a signed-in user (session cookie, plus the CSRF pair on
 * every non-GET call; or a PDS bearer token).
 */
export type AuthLevel = 'none' | 'csrf' | 'user';
export type Method = 'GET' | 'POST' | 'PUT';

interface Steps<C, I, R> {
  /** Body, query and path -> typed input; throws 400 for anything malformed. */
  parse(req: RequestParts): I;
  /** Calls the core; nothing else. */
  run(ctx: C, input: I): Promise<R>;
  /** Core result -> the Jobs answer. */
  render(result: R, ctx: C): Answer | Promise<Answer>;
}

/**
 * One row of the operation table, its types erased behind closures so the table needs no
 * casts. `parse` alone is how the schema check (request-schemas.ts) asks the operation
 * for its own, more precise, error.
 */
export type JobsOperation = { method: Method; path: string; parse(req: RequestParts): unknown } & (
  | { auth: 'none' | 'csrf'; handle(ctx: OpContext, req: RequestParts): Promise<Answer> }
  | { auth: 'user'; handle(ctx: UserContext, req: RequestParts): Promise<Answer> }
);

const handler =
  <C, I, R>(steps: Steps<C, I, R>) =>
  async (ctx: C, req: RequestParts): Promise<Answer> =>
    steps.render(await steps.run(ctx, steps.parse(req)), ctx);

export function userOperation<I, R>(route: { method: Method; path: string }, steps: Steps<UserContext, I, R>): JobsOperation {
  return { ...route, auth: 'user', parse: (req) => steps.parse(req), handle: handler(steps) };
}

export function publicOperation<I, R>(
  route: { method: Method; path: string; auth: 'none' | 'csrf' },
  steps: Steps<OpContext, I, R>,
): JobsOperation {
  return { ...route, parse: (req) => steps.parse(req), handle: handler(steps) };
}
