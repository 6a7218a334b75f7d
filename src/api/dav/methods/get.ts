import { parseRange } from '../../pds/content/range.js';
import { isMediaType } from '../../media-type.js';
import { type DavCall, etagOf, ownResource } from '../call.js';
import { DavError } from '../errors.js';
import { checkEtagPreconditions } from '../if-header.js';

/** GET and HEAD of a file: streamed, whole or one byte range (RFC 9110 14). */
export async function get(call: DavCall): Promise<unknown> {
  const { req, reply, salvage, actor } = call;
  const r = await ownResource(call);
  const entry = r.entry;
  if (!entry) throw new DavError(404, 'nothing is at this URL');
  if (entry.type === 'folder') {
    // A folder has no content; its listing is PROPFIND's.
    reply.header('allow', 'OPTIONS, PROPFIND, PROPPATCH, MKCOL, DELETE, COPY, MOVE, LOCK, UNLOCK');
    throw new DavError(405, 'this is a folder: list it with PROPFIND');
  }
  checkEtagPreconditions(call, r);
  const range = parseRange(typeof req.headers.range === 'string' ? req.headers.range : undefined, entry.size);
  // If-Range: a range of another version would splice two files; send the whole one.
  const ifRange = req.headers['if-range'];
  const whole = range.kind === 'whole' || (typeof ifRange === 'string' && ifRange !== etagOf(entry));
  if (!whole && range.kind === 'unsatisfiable') {
    return reply.code(416).header('content-range', `bytes */${entry.size}`).send();
  }
  const part = !whole && range.kind === 'part' ? { start: range.start, end: range.end } : undefined;
  reply
    .code(part ? 206 : 200)
    .header('content-type', isMediaType(entry.contentType) ? entry.contentType : 'application/octet-stream')
    .header('content-length', part ? part.end - part.start + 1 : entry.size)
    .header('accept-ranges', 'bytes')
    .header('etag', etagOf(entry))
    .header('last-modified', new Date(entry.updatedAt).toUTCString());
  if (part) reply.header('content-range', `bytes ${part.start}-${part.end}/${entry.size}`);
  if (req.method === 'HEAD') return reply.send();
  const { stream } = await salvage.entries.openContent(actor, { driveId: r.drive.id, fileId: entry.id, range: part });
  return reply.send(stream);
}
