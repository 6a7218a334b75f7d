import { Readable } from 'node:stream';
import type { DavLock } from '../../../core/locks/locks.service.js';
import { lockCovers } from '../../../core/locks/locks.service.js';
import { bodyOf, type DavCall, ownResource } from '../call.js';
import { DavError } from '../errors.js';
import { type PropRequest, propRequestOf, responseXml } from '../props.js';
import { hrefOf } from '../target.js';
import { MULTISTATUS_CLOSE, MULTISTATUS_OPEN, parseXml, readBody } from '../xml.js';
import { propfindDrives } from './propfind-drives.js';
import { propfindBin } from './trashbin.js';

/** Entries a listing reads per query: the core's largest page (keyset; memory stays flat). */
export const LISTING_PAGE = 1000;

/** The Depth header: '0', '1' or 'infinity', `absent` when none is sent. */
export function depthOf(call: DavCall, absent: '0' | '1' | 'infinity'): '0' | '1' | 'infinity' {
  const d = call.req.headers.depth;
  if (d === undefined) return absent;
  const v = String(d).trim().toLowerCase();
  if (v === '0' || v === '1' || v === 'infinity') return v;
  throw new DavError(400, `Depth must be 0, 1 or infinity, not ${v}`);
}

export const lockRootOf = (driveRef: string) => (l: DavLock) => hrefOf('files', driveRef, l.path === '' ? [] : l.path.split('/'), l.path === '');

/**
 * PROPFIND (RFC 4918 9.1) at Depth 0 or 1; Depth infinity is refused with
 * DAV:propfind-finite-depth, as 9.1 allows: a whole tree in one answer is what a mounted
 * drive must never ask for. A folder's children are read a keyset page at a time and
 * written out as they come, so 10,000 children cost the memory of one page.
 */
export async function propfind(call: DavCall): Promise<unknown> {
  const depth = depthOf(call, 'infinity');
  if (depth === 'infinity') throw new DavError(403, 'PROPFIND with Depth: infinity is not supported; ask with Depth 0 or 1', 'propfind-finite-depth');
  const request = propRequestOf(parseXml(await readBody(bodyOf(call.req))));
  const t = call.target;
  const body =
    t.area === 'root' ? propfindDrives(call, depth, request) : t.area === 'trashbin' ? await propfindBin(call, depth, request) : await propfindFiles(call, depth, request);
  return call.reply.code(207).type('application/xml; charset=utf-8').send(Readable.from(body, { objectMode: false }));
}

async function propfindFiles(call: DavCall, depth: '0' | '1', request: PropRequest): Promise<AsyncGenerator<string>> {
  const { salvage, actor } = call;
  const r = await ownResource(call);
  if (!r.entry) throw new DavError(404, 'nothing is at this URL');
  const entry = r.entry;
  const folder = entry.type === 'folder';
  const locks = await salvage.dav.locksOn(actor, { driveId: r.drive.id, path: r.path, below: depth === '1' && folder });
  const deadOf = async (ids: string[]) => salvage.dav.readProperties(actor, { driveId: r.drive.id, entryIds: ids });
  const selfDead = (await deadOf([entry.id])).get(entry.id) ?? [];
  const lockRoot = lockRootOf(r.driveRef);
  const now = Date.now();
  const isRoot = r.segments.length === 0;
  async function* out(): AsyncGenerator<string> {
    yield MULTISTATUS_OPEN;
    yield responseXml(
      {
        href: hrefOf('files', r.driveRef, r.segments, folder),
        entry,
        displayName: isRoot ? r.drive.name : entry.name,
        folder,
        drive: r.drive,
        locks: locks.filter((l) => lockCovers(l, r.path)),
        dead: selfDead,
      },
      request,
      now,
      lockRoot,
    );
    if (depth === '1' && folder) {
      let token = '';
      do {
        const page = await salvage.entries.list(actor, { driveId: r.drive.id, parentId: entry.id, limit: LISTING_PAGE, token });
        const dead = request.kind === 'prop' && request.names.every((n) => n.ns === 'DAV:') ? new Map() : await deadOf(page.items.map((i) => i.id));
        let chunk = '';
        for (const child of page.items) {
          const segments = [...r.segments, child.name];
          const path = segments.join('/');
          chunk += responseXml(
            {
              href: hrefOf('files', r.driveRef, segments, child.type === 'folder'),
              entry: child,
              displayName: child.name,
              folder: child.type === 'folder',
              drive: r.drive,
              locks: locks.filter((l) => lockCovers(l, path)),
              dead: dead.get(child.id) ?? [],
            },
            request,
            now,
            lockRoot,
          );
        }
        yield chunk;
        token = page.nextToken;
      } while (token !== '');
    }
    yield MULTISTATUS_CLOSE;
  }
  return out();
}
