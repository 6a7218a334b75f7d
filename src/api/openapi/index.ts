import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';

/** Where the rendered reference lives (Swagger UI, served from node_modules: no CDN). */
export const API_REFERENCE_PATH = '/docs/api';

/**
 * Swagger UI's page: its own files only, as the web UI's policy, but its styles are set
 * inline by its scripts, and it never calls the public validator (validatorUrl: 'none').
 */
const CSP = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/** Headers of the inner answer that describe its connection, not its content. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'date', 'content-length']);

type Document = Record<string, unknown>;

/**
 * GET /openapi.json and the reference page at /docs/api, both made on first use: the
 * document and Swagger UI's plugins are much of what a start would otherwise load, and
 * most nodes never serve them (start-up time counts for `serve --in-memory`). The request
 * schemas themselves are loaded at start: every request is checked against them.
 *
 * The reference is @fastify/swagger (static mode: the document comes from the dialects'
 * operation tables and docs, document.ts, not from Fastify route schemas, since the PDS
 * and Jobs pipelines check requests against those same schemas themselves, to answer
 * errors in their own shapes: pds/request-schemas.ts, jobs/request-schemas.ts) and
 * @fastify/swagger-ui, in a small Fastify instance of their own that requests under
 * /docs/api are handed to.
 */
export const openApi: FastifyPluginAsync = async (app) => {
  let document: Promise<Document> | undefined;
  const documentOf = () => (document ??= import('./document.js').then((m) => m.openApiDocument()));
  app.get('/openapi.json', async (_req, reply) => reply.header('cache-control', 'no-cache').send(await documentOf()));

  let reference: Promise<FastifyInstance> | undefined;
  const forward = async (req: FastifyRequest, reply: FastifyReply) => {
    // A failed build is not kept: the next request tries again.
    reference ??= referenceApp(documentOf).catch((err: unknown) => {
      reference = undefined;
      throw err;
    });
    const inner = await reference;
    const res = await inner.inject({ method: req.method as 'GET' | 'HEAD', url: req.url, headers: { accept: req.headers.accept ?? '*/*' } });
    for (const [name, value] of Object.entries(res.headers)) if (!HOP_BY_HOP.has(name) && value !== undefined) reply.header(name, value);
    return reply.code(res.statusCode).send(res.rawPayload);
  };
  app.get(API_REFERENCE_PATH, forward);
  app.get(`${API_REFERENCE_PATH}/*`, forward);
  app.addHook('onClose', async () => {
    await (await reference?.catch(() => undefined))?.close();
  });
};

async function referenceApp(documentOf: () => Promise<Document>): Promise<FastifyInstance> {
  const [{ default: Fastify }, { default: fastifySwagger }, { default: fastifySwaggerUi }, document] = await Promise.all([
    import('fastify'),
    import('@fastify/swagger'),
    import('@fastify/swagger-ui'),
    documentOf(),
  ]);
  const inner = Fastify({ logger: false });
  await inner.register(fastifySwagger, { mode: 'static', specification: { document: document as never } });
  await inner.register(fastifySwaggerUi, {
    routePrefix: API_REFERENCE_PATH,
    staticCSP: CSP,
    uiConfig: { validatorUrl: 'none', docExpansion: 'list', deepLinking: true },
    theme: { title: 'Salvage API reference' },
  });
  await inner.ready();
  return inner;
}
