import { bodyOf, type DavCall, etagOf, ownResource, parentFolder } from '../call.js';
import { DavError } from '../errors.js';
import { checkEtagPreconditions, guardWrite } from '../if-header.js';

/**
 * PUT: the body is streamed to the blob store (never whole in memory), then the file is
 * created or replaced in one transaction; a replaced file goes to the bin first (a scratch
 * file is purged). A broken or interrupted body, or one over the drive's quota, leaves
 * nothing changed.
 */
export async function put(call: DavCall): Promise<unknown> {
  const { req, reply, salvage, actor } = call;
  const r = await ownResource(call);
  if (r.segments.length === 0) throw new DavError(405, 'the root folder of a drive cannot be replaced by a file');
  if (r.entry?.type === 'folder') throw new DavError(405, 'a folder cannot be overwritten by PUT');
  if (req.headers['content-range'] !== undefined) throw new DavError(400, 'PUT with Content-Range is not supported: send the whole file');
  checkEtagPreconditions(call, r);
  const parent = parentFolder(r);
  await guardWrite(call, r, [{ path: r.path, below: false }, { path: r.segments.slice(0, -1).join('/'), below: false }]);
  const type = req.headers['content-type'];
  const { entry } = await salvage.dav.putFile(actor, {
    driveId: r.drive.id,
    parentId: parent.id,
    name: r.segments[r.segments.length - 1]!,
    content: bodyOf(req),
    contentType: typeof type === 'string' && type !== '' ? type : undefined,
  });
  return reply.code(r.entry ? 204 : 201).header('etag', etagOf(entry)).send();
}
