import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Salvage } from '../../core/salvage.js';
import { authenticate } from './auth.js';
import type { DavCall } from './call.js';
import { sendDavError } from './errors.js';
import { copyOrMove } from './methods/copy-move.js';
import { del } from './methods/delete.js';
import { get } from './methods/get.js';
import { lock, unlock } from './methods/lock.js';
import { mkcol } from './methods/mkcol.js';
import { options } from './methods/options.js';
import { propfind } from './methods/propfind.js';
import { proppatch } from './methods/proppatch.js';
import { put } from './methods/put.js';
import { targetOfRequest } from './target.js';

type Method = 'OPTIONS' | 'GET' | 'HEAD' | 'PUT' | 'DELETE' | 'PROPFIND' | 'PROPPATCH' | 'MKCOL' | 'COPY' | 'MOVE' | 'LOCK' | 'UNLOCK';

/** The dialect's operation table: one handler per method, each parse -> core -> render. */
const METHODS: Record<Method, (call: DavCall) => Promise<unknown>> = {
  OPTIONS: options,
  GET: get,
  HEAD: get,
  PUT: put,
  DELETE: del,
  PROPFIND: propfind,
  PROPPATCH: proppatch,
  MKCOL: mkcol,
  COPY: copyOrMove,
  MOVE: copyOrMove,
  LOCK: lock,
  UNLOCK: unlock,
};

/** Methods Fastify does not route by default; they carry bodies. */
const EXTENDED = ['PROPFIND', 'PROPPATCH', 'MKCOL', 'COPY', 'MOVE', 'LOCK', 'UNLOCK'] as const;

/**
 * WebDAV (RFC 4918 class 1 and 2, RFC 4331 quota) on `/dav/` (docs/webdav.md): drives by
 * name or id at `/dav/<drive>/...`, their bins at `/dav/trashbin/<drive>/`. Fastify routes
 * over the core, like the other dialects: a WebDAV library would bring its own model of
 * files, locks and users to adapt ours to, and these methods are each a screen of code.
 * An encapsulated plugin: its body handling (XML read by each method, PUT bodies streamed
 * untouched) and its error answers stay its own.
 */
export const davApi: FastifyPluginAsync<{ salvage: Salvage }> = async (app, { salvage }) => {
  for (const m of EXTENDED) if (!app.supportedMethods.includes(m)) app.addHttpMethod(m, { hasBody: true });
  // Every body is handed on as the raw stream: PUT streams it to the blob store, the XML
  // methods read it with their own limit (xml.ts).
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_req, payload, done) => done(null, payload));
  app.setErrorHandler((err, req, reply) => sendDavError(req, reply, err));

  // The pipeline: who asks -> what the URL names -> the method's handler -> errors, once.
  const handler = async (req: FastifyRequest, reply: FastifyReply) => {
    try {
      const actor = await authenticate(req, salvage);
      const target = targetOfRequest(req);
      return await METHODS[req.method as Method]({ req, reply, salvage, actor, target });
    } catch (err) {
      return sendDavError(req, reply, err);
    }
  };
  const method = Object.keys(METHODS);
  app.route({ method, url: '/dav', handler, exposeHeadRoute: false });
  app.route({ method, url: '/dav/*', handler, exposeHeadRoute: false });
  // Windows' WebDAV client asks the server's root what it speaks before it signs in to a
  // share; the answer names capabilities only, so it needs no credentials.
  app.options('/', async (_req, reply) => reply.code(200).header('dav', '1, 2').header('ms-author-via', 'DAV').header('allow', 'OPTIONS').send());
};
