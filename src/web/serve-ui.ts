import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { UI_ASSETS_DIR } from './ui-assets.js';

/**
 * The page may load only its own files and talk only to this server: the build has no
 * inline script or style, and nothing is fetched from elsewhere at run time.
 */
const CSP = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

export interface WebUiOptions {
  /** The built UI; defaults to SALVAGE_WEB_UI_DIR, else dist/web/app. */
  assetsDir?: string;
}

/**
 * Serves the built web UI under `/ui/`. The app routes with the URL hash, so the server
 * only ever serves real files and index.html.
 */
export const webUi: FastifyPluginAsync<WebUiOptions> = async (root, options) => {
  // Read when the server starts, not when this module loads: the browser tests build the
  // UI into a temporary folder of their own, so no test writes into the checkout.
  const dir = options.assetsDir ?? process.env.SALVAGE_WEB_UI_DIR ?? UI_ASSETS_DIR;
  await root.register(async (app) => {
    app.addHook('onSend', async (_req, reply) => {
      reply.header('content-security-policy', CSP);
      reply.header('x-content-type-options', 'nosniff');
      reply.header('referrer-policy', 'same-origin');
    });
    app.get('/ui', async (_req, reply) => reply.redirect('/ui/'));
    if (!existsSync(join(dir, 'index.html'))) {
      // A checkout that was never built: say how to fix it rather than 404.
      app.get('/ui/*', async (_req, reply) =>
        reply.code(503).type('text/plain').send('The web UI is not built. Run `npm run build` (npm start does it).'),
      );
      return;
    }
    await app.register(fastifyStatic, { root: dir, prefix: '/ui/', index: 'index.html', wildcard: true });
  });
};

/**
 * `/` is the NAS dialect's (`/?Action=...`), but a person who types the server's address
 * into a browser wants the UI. A GET of `/` with no `Action` parameter from a client that
 * asks for HTML (browsers send `Accept: text/html,...`; the NAS SDKs never do) is sent to
 * `/ui/`. Anything else, including a browser's `/?Action=...`, goes to NAS unchanged.
 */
export function isBrowserVisitToRoot(req: FastifyRequest): boolean {
  if (req.method !== 'GET') return false;
  const url = req.raw.url ?? '/';
  const cut = url.indexOf('?');
  if ((cut < 0 ? url : url.slice(0, cut)) !== '/') return false;
  if (cut >= 0 && new URLSearchParams(url.slice(cut + 1)).has('Action')) return false;
  return /\btext\/html\b/i.test(req.headers.accept ?? '');
}

/** The root hook that applies isBrowserVisitToRoot; runs before any dialect sees the request. */
export async function redirectBrowserToUi(req: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (isBrowserVisitToRoot(req)) await reply.redirect('/ui/', 302);
}
