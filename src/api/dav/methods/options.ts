import type { DavCall } from '../call.js';

export const DAV_ALLOW = 'OPTIONS, GET, HEAD, PUT, DELETE, PROPFIND, PROPPATCH, MKCOL, COPY, MOVE, LOCK, UNLOCK';

/** OPTIONS: WebDAV class 1 and 2 (locks), and the methods. */
export async function options(call: DavCall): Promise<unknown> {
  return call.reply.code(200).header('dav', '1, 2').header('ms-author-via', 'DAV').header('allow', DAV_ALLOW).header('content-length', '0').send();
}
