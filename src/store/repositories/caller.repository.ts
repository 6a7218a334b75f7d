import type { Db } from '../store.js';

/**
 * Reads that check the caller's access token in the same statement as what the request
 * asked for. On PostgreSQL every statement is a round trip, and under `async_task/get`
 * load the node spent more CPU time on its three round trips (token, job, creator's name)
 * than on everything else together: a socket write and read, the driver's parsing and the
 * promise chain, each time. Checking the token inside the read costs one round trip and
 * nothing goes stale: the token, the user's status and their role are read at the same
 * moment as the answer, on every node.
 */

/** The derived table `caller`: the enabled user behind an access token, if any. */
export const callerOfToken = (db: Db, hash: string) =>
  db
    .selectFrom('auth_tokens')
    .innerJoin('users', 'users.id', 'auth_tokens.user_id')
    .select(['auth_tokens.user_id as caller_id', 'users.is_admin as caller_is_admin', 'auth_tokens.expires_at as caller_expires_at'])
    .where('auth_tokens.token_hash', '=', hash)
    .where('auth_tokens.kind', '=', 'access')
    // Disabling a user locks them out on every node at once (issue 12), as in findAccessTokenUser.
    .where('users.status', '=', 'enabled');

/** The caller's columns, as every fused read returns them. */
export interface CallerColumns {
  caller_id: string;
  caller_is_admin: number;
  caller_expires_at: number;
}

/** The access token's user, as a fused read found it: whose it is and until when. */
export interface Caller {
  userId: string;
  isAdmin: boolean;
  expiresAt: number;
}

export const toCaller = (r: CallerColumns): Caller => ({ userId: r.caller_id, isAdmin: r.caller_is_admin === 1, expiresAt: Number(r.caller_expires_at) });
