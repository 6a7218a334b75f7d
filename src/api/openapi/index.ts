import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { FastifyPluginAsync } from 'fastify';
import { openApiDocument } from './document.js';

/** Where the rendered reference lives (Swagger UI, served from node_modules: no CDN). */
export const API_REFERENCE_PATH = '/docs/api';

/**
 * Swagger UI's page: its own files only, as the web UI's policy, but its styles are set
 * inline by its scripts, and it never calls the public validator (validatorUrl: 'none').
 */
const CSP = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/**
 * GET /openapi.json and the reference page at /docs/api. @fastify/swagger runs in its
 * static mode: the document comes from the dialects' operation tables and docs
 * (document.ts), not from Fastify route schemas, because the PDS and Jobs routes read
 * their bodies themselves to answer errors in their own shapes.
 */
export const openApi: FastifyPluginAsync = async (app) => {
  const document = openApiDocument();
  app.get('/openapi.json', async (_req, reply) => reply.header('cache-control', 'no-cache').send(document));
  await app.register(fastifySwagger, { mode: 'static', specification: { document: document as never } });
  await app.register(fastifySwaggerUi, {
    routePrefix: API_REFERENCE_PATH,
    staticCSP: CSP,
    uiConfig: { validatorUrl: 'none', docExpansion: 'list', deepLinking: true },
    theme: { title: 'Salvage API reference' },
  });
};
