import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { isActionName } from '../nas/operations.js';
import type { NodeMetrics } from './node-metrics.js';

/** The dialect and operation of a request, from the route it matched: a bounded set. */
export function operationOf(req: FastifyRequest): { dialect: string; operation: string } {
  const route = req.routeOptions.url;
  const path = req.url.split('?')[0] ?? '';
  if (path.startsWith('/v2/')) return { dialect: 'pds', operation: route ?? 'unmatched' };
  // GET /csrf is the Jobs dialect's too (the web UI's login starts there).
  if (path.startsWith('/v1/') || path === '/csrf') return { dialect: 'jobs', operation: route ? `${req.method} ${route}` : 'unmatched' };
  if (path === '/' || path === '') {
    // NAS names its operation in Action= (query or form) or x-acs-action; only known names are labels.
    const fromBody = typeof req.body === 'object' && req.body !== null ? (req.body as Record<string, unknown>).Action : undefined;
    const action = (req.query as Record<string, unknown> | undefined)?.Action ?? fromBody ?? req.headers['x-acs-action'];
    return { dialect: 'nas', operation: typeof action === 'string' && isActionName(action) ? action : 'unknown' };
  }
  if (path === '/ui' || path.startsWith('/ui/')) return { dialect: 'ui', operation: 'static' };
  return { dialect: 'server', operation: route ?? 'unmatched' };
}

const sameToken = (given: string, wanted: string): boolean => {
  const a = Buffer.from(given);
  const b = Buffer.from(wanted);
  return a.length === b.length && timingSafeEqual(a, b);
};

/**
 * Counts every answer (onResponse, so 404s and errors too) and serves GET /metrics:
 * open on the port unless a token is configured, then `Authorization: Bearer <token>`.
 */
export function serveMetrics(app: FastifyInstance, metrics: NodeMetrics, token: string | undefined): void {
  app.addHook('onResponse', async (req, reply) => {
    const { dialect, operation } = operationOf(req);
    metrics.requests.inc({ dialect, operation, status: String(reply.statusCode) });
    metrics.latency.observe({ dialect, operation }, reply.elapsedTime / 1000);
  });
  app.get('/metrics', async (req, reply) => {
    if (token !== undefined) {
      const given = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      if (given === undefined || !sameToken(given, token)) {
        return reply.code(401).header('www-authenticate', 'Bearer realm="metrics"').send({ code: 'Unauthorized', message: 'GET /metrics wants Authorization: Bearer <SALVAGE_METRICS_TOKEN>.' });
      }
    }
    const body = await metrics.text();
    return reply.header('content-type', metrics.registry.contentType).send(body);
  });
}
