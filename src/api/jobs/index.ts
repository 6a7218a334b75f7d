import fastifyCookie from '@fastify/cookie';
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import type { Salvage } from '../../core/salvage.js';
import { JobsError, toJobsError } from './errors.js';
import { retryAfter } from '../retry-after.js';
import { JOBS_OPERATIONS } from './operations.js';
import { operationHandler } from './pipeline.js';
import { compileRequestChecks, type JobsOperationName } from './request-schemas.js';

/** Bodies here are tiny (`{"jobId": {"id": 1}}`, a login). */
const BODY_LIMIT = 64 * 1024;

async function operations(app: FastifyInstance, salvage: Salvage): Promise<void> {
  // Any content type is read as text and parsed as JSON by the pipeline: the vendor's own
  // curl example posts JSON without a Content-Type (so as a form), and a body that is not
  // JSON must be our 400, not a framework error.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string', bodyLimit: BODY_LIMIT }, (_req, body, done) => done(null, body));
  // Every request schema compiled here, once, before the first request.
  const checks = compileRequestChecks();
  for (const [name, op] of Object.entries(JOBS_OPERATIONS) as [JobsOperationName, (typeof JOBS_OPERATIONS)[JobsOperationName]][]) {
    app.route({ method: op.method, url: op.path, handler: operationHandler(op, checks[name].check, salvage) });
  }
  // Any other /v1 path answers in this dialect's error shape, not the server's.
  app.all('/v1/*', async (req) => {
    throw new JobsError(404, 'NotFound', `No operation ${req.method} ${req.url.split('?')[0]}.`);
  });
}

/** The Jobs dialect (`/v1/...`, `/csrf`), SPEC section 5: cookie sessions with a CSRF double submit. */
export const jobsApi: FastifyPluginAsync<{ salvage: Salvage }> = async (root, { salvage }) => {
  await root.register(async (app) => {
    await app.register(fastifyCookie);
    app.setErrorHandler((err, req, reply) => {
      const answer = toJobsError(err);
      if (answer) return retryAfter(reply, answer.status, answer.retryAfterSec).code(answer.status).send({ code: answer.code, message: answer.message, details: answer.details });
      req.log.error({ err }, 'unexpected error in the Jobs dialect');
      return reply.code(500).send({ code: 'InternalError', message: 'The server hit an internal error.', details: '' });
    });
    await app.register(async (scope) => operations(scope, salvage));
  });
};
