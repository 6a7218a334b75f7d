import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsync } from 'fastify';
import type { Salvage } from '../../core/salvage.js';
import { nonceJanitor } from './auth/nonce-janitor.js';
import { NasError } from './errors.js';
import { errorBody, handleNasRequest } from './pipeline.js';
import { serialize } from './render.js';

/** The region answered when none is configured: the one Alibaba's own samples use. */
export const DEFAULT_NAS_REGION_ID = 'cn-hangzhou';

/**
 * The NAS dialect (`GET` or `POST /` with `Action=`); see SPEC section 3 and docs/nas.md.
 * An encapsulated plugin: its body parser and error answer apply to its routes only.
 */
export const nasApi: FastifyPluginAsync<{ salvage: Salvage; regionId?: string }> = async (app, { salvage, regionId }) => {
  // Bodies stay raw bytes: the V3 signature hashes them as sent, and the pipeline reads
  // form parameters from them itself. Any content type is accepted and parsed the same way.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));

  // Failures before the pipeline runs (a body over the limit, a broken stream) still get
  // a NAS-shaped answer.
  app.setErrorHandler((err: Error & { statusCode?: number }, req, reply) => {
    const status = err.statusCode && err.statusCode < 500 ? err.statusCode : 500;
    const error = status < 500 ? new NasError('InvalidParameter', { reason: err.message }) : new NasError('InternalError');
    if (status >= 500) req.log.error({ err }, 'NAS request failed');
    const requestId = randomUUID().toUpperCase();
    const { contentType, payload } = serialize('json', 'Error', { RequestId: requestId, ...errorBody(error, req.headers.host) });
    return reply.code(status).header('x-acs-request-id', requestId).header('content-type', contentType).send(payload);
  });

  const deps = { salvage, regionId: regionId ?? DEFAULT_NAS_REGION_ID, afterAuth: nonceJanitor(salvage, app.log) };
  const handler = (req: Parameters<typeof handleNasRequest>[1], reply: Parameters<typeof handleNasRequest>[2]) =>
    handleNasRequest(deps, req, reply);
  app.get('/', handler);
  app.post('/', handler);
};
