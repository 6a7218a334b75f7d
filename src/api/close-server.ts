import type { FastifyInstance } from 'fastify';

/** How often idle connections are closed while the server drains. */
const IDLE_SWEEP_MS = 50;

/**
 * Closes the HTTP server in at most `graceMs`: it stops accepting connections at once, a
 * request arriving on an open connection is answered 503 (Fastify's return503OnClosing),
 * requests in flight may finish and their connection closes after the answer, and
 * whatever is still open after `graceMs` is cut, an upload half sent included (its
 * staged file is removed, see stageBody).
 */
export async function closeServer(app: FastifyInstance, graceMs: number): Promise<void> {
  // Node closes the connections idle when close begins, and only those: one busy then
  // goes idle after its answer and stays open for keepAliveTimeout (72 s in Fastify),
  // and close waits for it. Measured 71 s for an upload that ended 1 s into the close.
  const sweep = setInterval(() => app.server.closeIdleConnections(), IDLE_SWEEP_MS);
  const cut = setTimeout(() => app.server.closeAllConnections(), graceMs);
  try {
    await app.close();
  } finally {
    clearInterval(sweep);
    clearTimeout(cut);
  }
}
