import type { FastifyReply } from 'fastify';

/**
 * How long a client is told to wait before sending again a request that was refused for
 * a passing reason (the database away). Short: a restarted database is back in seconds.
 */
export const RETRY_AFTER_SECONDS = 5;

/** Adds Retry-After to a 503: the request changed nothing and may be sent again as it was. */
export function retryAfterIfUnavailable(reply: FastifyReply, status: number): FastifyReply {
  return status === 503 ? reply.header('retry-after', String(RETRY_AFTER_SECONDS)) : reply;
}

/**
 * Retry-After for any refusal that says when to come back: `seconds` when the error gave
 * them (a throttled sign-in), else as retryAfterIfUnavailable.
 */
export function retryAfter(reply: FastifyReply, status: number, seconds: number | undefined): FastifyReply {
  return seconds !== undefined ? reply.header('retry-after', String(seconds)) : retryAfterIfUnavailable(reply, status);
}
