import { type DavCall, ownResource } from '../call.js';
import { DavError } from '../errors.js';
import { checkEtagPreconditions, guardWrite } from '../if-header.js';
import { deleteBin } from './trashbin.js';

/**
 * DELETE (RFC 4918 9.6): the file or folder goes to the bin, at once whatever it holds
 * (the core's trash); a scratch file (an editor's lock or temp file) is purged instead.
 */
export async function del(call: DavCall): Promise<unknown> {
  if (call.target.area === 'trashbin') return deleteBin(call);
  const { reply, salvage, actor } = call;
  const r = await ownResource(call);
  if (!r.entry) throw new DavError(404, 'nothing is at this URL');
  if (r.segments.length === 0) throw new DavError(403, 'the root folder of a drive cannot be deleted');
  const depth = call.req.headers.depth;
  if (r.entry.type === 'folder' && depth !== undefined && String(depth).toLowerCase() !== 'infinity') {
    throw new DavError(400, 'DELETE of a folder takes Depth: infinity');
  }
  checkEtagPreconditions(call, r);
  await guardWrite(call, r, [{ path: r.path, below: true }, { path: r.segments.slice(0, -1).join('/'), below: false }]);
  await salvage.dav.remove(actor, { driveId: r.drive.id, fileId: r.entry.id });
  await salvage.dav.forgetLocks({ driveId: r.drive.id, path: r.path });
  return reply.code(204).send();
}
