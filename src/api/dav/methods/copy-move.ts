import { type DavCall, ownResource, type Resource, resourceOf, waitForJob } from '../call.js';
import { DavError } from '../errors.js';
import { checkEtagPreconditions, guardWrite } from '../if-header.js';
import { BadTarget, targetOfUrl } from '../target.js';
import { restoreFromBin } from './trashbin.js';

/** The Destination of COPY or MOVE, in the same drive as the source. */
async function destinationOf(call: DavCall, source: Resource): Promise<Resource> {
  const header = call.req.headers.destination;
  if (typeof header !== 'string' || header === '') throw new DavError(400, 'COPY and MOVE need a Destination header');
  let t;
  try {
    t = targetOfUrl(header, call.req);
  } catch (err) {
    if (err instanceof BadTarget && /another server/.test(err.message)) throw new DavError(502, 'the Destination is on another server');
    throw err;
  }
  if (t.area !== 'files') throw new DavError(403, 'the Destination must be a path in a drive');
  const dest = await resourceOf(call.salvage, call.actor, t);
  if (dest.drive.id !== source.drive.id) throw new DavError(403, 'COPY and MOVE work within one drive; copy between drives with GET and PUT');
  return dest;
}

const overwriteOf = (call: DavCall): boolean => {
  const o = call.req.headers.overwrite;
  if (o === undefined) return true;
  const v = String(o).trim().toUpperCase();
  if (v !== 'T' && v !== 'F') throw new DavError(400, 'Overwrite must be T or F');
  return v === 'T';
};

/**
 * COPY and MOVE (RFC 4918 9.8, 9.9) within a drive. A destination that exists is taken
 * away first when Overwrite allows it (to the bin, like any delete), else 412. A folder's
 * copy is filled by the core's copy job, which the answer waits for.
 */
export async function copyOrMove(call: DavCall): Promise<unknown> {
  if (call.target.area === 'trashbin') return restoreFromBin(call);
  const { req, reply, salvage, actor } = call;
  const move = req.method === 'MOVE';
  const src = await ownResource(call);
  const entry = src.entry;
  if (!entry) throw new DavError(404, 'nothing is at this URL');
  if (src.segments.length === 0) throw new DavError(403, 'the root folder of a drive cannot be copied or moved');
  const depthHeader = req.headers.depth === undefined ? 'infinity' : String(req.headers.depth).toLowerCase();
  if (move && entry.type === 'folder' && depthHeader !== 'infinity') throw new DavError(400, 'MOVE of a folder takes Depth: infinity');
  if (!move && depthHeader !== '0' && depthHeader !== 'infinity') throw new DavError(400, 'COPY takes Depth 0 or infinity');
  const dest = await destinationOf(call, src);
  if (dest.segments.length === 0) throw new DavError(403, 'the Destination cannot be the root folder of a drive');
  if (dest.path === src.path) throw new DavError(403, 'the source and the Destination are the same');
  if (entry.type === 'folder' && dest.path.startsWith(`${src.path}/`)) throw new DavError(403, 'a folder cannot go inside itself');
  if (!dest.parent || dest.parent.type !== 'folder') throw new DavError(409, 'the Destination folder does not exist');
  const destParent = { path: dest.segments.slice(0, -1).join('/'), entry: dest.parent };
  const overwrite = overwriteOf(call);
  if (dest.entry && !overwrite) throw new DavError(412, 'the Destination exists and Overwrite is F');
  checkEtagPreconditions(call, src);
  const targets = [
    { path: dest.path, below: true },
    { path: destParent.path, below: false },
    ...(move ? [{ path: src.path, below: true }, { path: src.segments.slice(0, -1).join('/'), below: false }] : []),
  ];
  await guardWrite(call, src, targets);
  if (dest.entry && !move) await salvage.dav.remove(actor, { driveId: dest.drive.id, fileId: dest.entry.id });
  const newName = dest.segments[dest.segments.length - 1]!;
  const driveId = src.drive.id;
  if (move) {
    // One transaction: the entry that held the name goes to the bin as this one takes it.
    await salvage.dav.moveReplacing(actor, { driveId, fileId: entry.id, toParentId: destParent.entry.id, newName });
    await salvage.dav.forgetLocks({ driveId, path: src.path });
  } else if (entry.type === 'folder' && depthHeader === '0') {
    const made = await salvage.entries.createFolder(actor, { driveId, parentId: destParent.entry.id, name: newName });
    await salvage.dav.copyProperties(actor, { driveId, fromId: entry.id, toId: made.entry.id });
  } else {
    const copied = await salvage.entries.copy(actor, { driveId, fileId: entry.id, toParentId: destParent.entry.id, newName, autoRename: false });
    await salvage.dav.copyProperties(actor, { driveId, fromId: entry.id, toId: copied.entry.id });
    if (copied.job) await waitForJob(call, copied.job.id);
  }
  // The locks of what the Destination held went with it (they never follow a resource).
  if (dest.entry) await salvage.dav.forgetLocks({ driveId, path: dest.path });
  return reply.code(dest.entry ? 204 : 201).send();
}
