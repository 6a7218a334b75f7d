import type { Server } from 'node:http';

/**
 * API answers and downloads are data, never a page: nothing in them may run, load or be
 * framed, and browsers must not guess a type other than the one sent (a download served
 * as `text/html` by a sniffing browser would run in this origin). The web UI under /ui
 * replaces the policy with its own (src/web/serve-ui.ts).
 */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

/**
 * Sets the headers on every response of `server` before any handler runs: Fastify's own
 * answers that bypass its hooks (the 503 while closing, written straight to the socket)
 * get them too. Headers a route sets later win (Node merges `writeHead`'s over these).
 */
export function sendSecurityHeaders(server: Server): void {
  server.prependListener('request', (_req, res) => {
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('content-security-policy', API_CONTENT_SECURITY_POLICY);
  });
}
