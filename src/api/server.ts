import Fastify, { type FastifyBaseLogger, LogController } from 'fastify';
import type { Logger } from 'pino';
import type { Salvage } from '../core/salvage.js';
import { isStorageFull, isStoreUnavailable } from '../core/errors.js';
import { redirectBrowserToUi, webUi } from '../web/serve-ui.js';
import { retryAfterIfUnavailable } from './retry-after.js';
import { sendSecurityHeaders } from './security-headers.js';
import { davApi } from './dav/index.js';
import { jobsApi } from './jobs/index.js';
import { nasApi } from './nas/index.js';
import { pdsApi } from './pds/index.js';
import type { AdjustableClock } from '../core/clock.js';
import { NodeMetrics } from './metrics/node-metrics.js';
import { serveMetrics } from './metrics/metrics-route.js';
import { openApi } from './openapi/index.js';

export interface ServerOptions {
  salvage: Salvage;
  logger: Logger;
  /** The region the NAS dialect reports; see docs/nas.md. */
  nasRegionId?: string;
  /** Believe a reverse proxy's X-Forwarded-* headers (client address, https, host). */
  trustProxy?: boolean;
  /** Where clients reach this server; signed content URLs are built on it when set. */
  publicUrl?: string;
  /** Set under `serve --test-hooks`: the clock POST /_salvage/clock moves. Unset: no hooks (404). */
  testClock?: AdjustableClock;
  /** This node's Prometheus metrics (GET /metrics); a fresh set when not given. */
  metrics?: NodeMetrics;
  /** When set, GET /metrics wants this bearer token. */
  metricsToken?: string;
}

/** Characters from which a string answer is sent as a Buffer (see the onSend hook). */
const LARGE_ANSWER = 16 * 1024;

/**
 * The HTTP server: one Fastify instance, each API dialect a plugin on its own paths
 * (NAS on `/`, PDS on `/v2`, Jobs on `/v1`, WebDAV on `/dav`), all calling the same core.
 */
export async function buildServer({ salvage, logger, nasRegionId, trustProxy = false, publicUrl, testClock, metrics = new NodeMetrics(), metricsToken }: ServerOptions) {
  const app = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    // Request lines would drown the job log; dialects log what matters themselves.
    logController: new LogController({ disableRequestLogging: true }),
    // The largest body any dialect takes as JSON or form; content goes by streaming PUT.
    bodyLimit: 1024 * 1024,
    // Off: X-Forwarded-* are any client's to write, so req.ip and req.protocol are the
    // socket's. On: the proxy's word sets both (sign-in throttling, Secure cookies).
    trustProxy,
  });
  // nosniff and a deny-all CSP on every answer of every dialect, errors and 404s included.
  sendSecurityHeaders(app.server);
  let ready = false;
  app.addHook('onReady', async () => {
    ready = true;
  });
  // An answer sent while the server closes ends its connection, so no client sends its
  // next request into a connection that is about to be closed (see closeServer).
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (_req, reply, payload) => {
    if (closing) reply.header('connection', 'close');
    // A large answer leaves as bytes: node writes a freshly made string to the socket far
    // slower than it makes a Buffer of it (a 150 KB bin page: 0.75 ms against 0.3 ms,
    // 2026-12-04). Small answers are not worth the copy.
    return typeof payload === 'string' && payload.length >= LARGE_ANSWER ? Buffer.from(payload) : payload;
  });
  // Before the dialects: its onResponse hook counts the answers of every route.
  serveMetrics(app, metrics, metricsToken);
  // A browser opening the server's address gets the web UI; NAS keeps `/?Action=`.
  app.addHook('onRequest', redirectBrowserToUi);
  app.get('/healthz', async (_req, reply) => {
    if (!ready) return reply.code(503).send({ status: 'starting' });
    if (!(await salvage.databaseReachable())) return retryAfterIfUnavailable(reply, 503).code(503).send({ status: 'database unavailable' });
    return { status: 'ok' };
  });
  app.setNotFoundHandler((req, reply) => {
    reply.code(404).send({ code: 'NotFound', message: `No route for ${req.method} ${req.url.split('?')[0]}.` });
  });
  app.setErrorHandler((err: Error & { statusCode?: number }, req, reply) => {
    // Only errors no dialect mapped reach here: keep internals out of the answer.
    if (err.statusCode && err.statusCode < 500) {
      return reply.code(err.statusCode).send({ code: 'InvalidRequest', message: err.message });
    }
    if (isStoreUnavailable(err)) {
      return retryAfterIfUnavailable(reply, 503).code(503).send({ code: 'ServiceUnavailable', message: 'The service is temporarily unavailable. Try again later.' });
    }
    if (isStorageFull(err)) {
      return reply.code(507).send({ code: 'InsufficientStorage', message: 'The server has no storage space left. Free space, or try again later.' });
    }
    req.log.error({ err }, 'unhandled error');
    return reply.code(500).send({ code: 'InternalError', message: 'The server hit an internal error.' });
  });
  // Each dialect is an encapsulated plugin: its body parsers and error mapping stay its own.
  await app.register(pdsApi, { salvage, publicUrl });
  await app.register(nasApi, { salvage, regionId: nasRegionId });
  await app.register(jobsApi, { salvage });
  await app.register(davApi, { salvage });
  await app.register(webUi);
  await app.register(openApi);
  // Loaded only with the flag (it brings TypeBox's validator).
  if (testClock) await app.register((await import('./test-hooks.js')).testHooks, { salvage, clock: testClock });
  return app;
}
