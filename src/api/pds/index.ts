import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyPluginAsync, FastifyReply } from 'fastify';
import type { Salvage } from '../../core/salvage.js';
import { type DownloadRoute, downloadRoute } from './content/download-route.js';
import { type UploadRoute, uploadRoute } from './content/upload-route.js';
import { DOWNLOAD_PATH, UPLOAD_PATH } from './content/urls.js';
import { toPdsError } from './errors.js';
import { retryAfter } from '../retry-after.js';
import { PDS_OPERATIONS, type PdsPath, pdsBodyChecks } from './operations.js';
import { operationHandler } from './pipeline.js';

const PREFIX = '/v2';
const REQUEST_ID = 'x-ca-request-id';
/** JSON bodies are small; content never comes as JSON (it is PUT to an upload URL). */
const BODY_LIMIT = 1024 * 1024;

const stampRequestId = (reply: FastifyReply): void => {
  // PDS request ids are upper-case UUIDs, as its error page shows.
  if (!reply.hasHeader(REQUEST_ID)) reply.header(REQUEST_ID, randomUUID().toUpperCase());
};

const relative = (path: string): string => path.slice(PREFIX.length);

/** The operations: every `POST /v2/...` path, bodies read as text and parsed by the pipeline. */
async function operations(app: FastifyInstance, salvage: Salvage, publicUrl: string | undefined): Promise<void> {
  // Any content type is read as text, so a body that is not JSON becomes PDS's
  // InvalidRequestJSONFormat rather than a framework error.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string', bodyLimit: BODY_LIMIT }, (_req, body, done) => done(null, body));
  // Every body schema compiled here, once, before the first request.
  const { checks } = pdsBodyChecks();
  for (const [path, op] of Object.entries(PDS_OPERATIONS) as [PdsPath, (typeof PDS_OPERATIONS)[PdsPath]][]) {
    app.post(relative(path), operationHandler(op, checks[path], salvage, publicUrl));
  }
}

/** Signed content URLs: the body of a PUT is streamed by its handler, never parsed. */
async function content(app: FastifyInstance, salvage: Salvage): Promise<void> {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_req, _payload, done) => done(null, undefined));
  app.put<UploadRoute>(`${relative(UPLOAD_PATH)}/:uploadId/:partNumber`, uploadRoute(salvage));
  app.get<DownloadRoute>(`${relative(DOWNLOAD_PATH)}/:driveId/:fileId`, downloadRoute(salvage));
}

/** The PDS dialect (`/v2/...`), SPEC section 4: its own request ids, 404s and error shape. */
export const pdsApi: FastifyPluginAsync<{ salvage: Salvage; publicUrl?: string }> = async (root, { salvage, publicUrl }) => {
  await root.register(
    async (app) => {
      app.addHook('onRequest', async (_req, reply) => stampRequestId(reply));
      app.setNotFoundHandler((req, reply) => {
        stampRequestId(reply);
        reply.code(404).send({ code: 'NotFound', message: `The resource ${req.method} ${req.url.split('?')[0]} cannot be found.` });
      });
      app.setErrorHandler((err, req, reply) => {
        stampRequestId(reply);
        const answer = toPdsError(err);
        if (answer) return retryAfter(reply, answer.status, answer.retryAfterSec).code(answer.status).send({ code: answer.code, message: answer.message });
        req.log.error({ err }, 'unexpected error in the PDS dialect');
        return reply.code(500).send({ code: 'InternalError', message: 'The server hit an internal error.' });
      });
      await app.register(async (scope) => operations(scope, salvage, publicUrl));
      await app.register(async (scope) => content(scope, salvage));
    },
    { prefix: PREFIX },
  );
};
