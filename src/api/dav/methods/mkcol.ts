import { bodyOf, type DavCall, ownResource, parentFolder } from '../call.js';
import { DavError } from '../errors.js';
import { guardWrite } from '../if-header.js';

/** MKCOL (RFC 4918 9.3): a new folder; a body is 415 (no extended MKCOL). */
export async function mkcol(call: DavCall): Promise<unknown> {
  const { req, reply, salvage, actor } = call;
  const r = await ownResource(call);
  const body = bodyOf(req);
  let bytes = 0;
  for await (const chunk of body) bytes += (chunk as Buffer).length;
  if (bytes > 0) throw new DavError(415, 'MKCOL takes no body');
  if (r.entry) throw new DavError(405, 'something already exists at this URL');
  const parent = parentFolder(r);
  await guardWrite(call, r, [{ path: r.path, below: false }, { path: r.segments.slice(0, -1).join('/'), below: false }]);
  await salvage.entries.createFolder(actor, { driveId: r.drive.id, parentId: parent.id, name: r.segments[r.segments.length - 1]! });
  return reply.code(201).send();
}
