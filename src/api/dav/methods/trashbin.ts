import type { ActorNames, BinItem, Entry, SeenDrive } from '../../../core/types.js';
import { isDomainError } from '../../../core/errors.js';
import { type DavCall, waitForJob } from '../call.js';
import { DavError } from '../errors.js';
import { type PropRequest, responseXml, type Shown } from '../props.js';
import { hrefOf, targetOfUrl } from '../target.js';
import { escapeXml, MULTISTATUS_CLOSE, MULTISTATUS_OPEN, NC_NS } from '../xml.js';
import { propfindDrives } from './propfind-drives.js';

/** The folder a bin item is moved into to be restored (Nextcloud's shape). */
export const RESTORE = 'restore';

/**
 * The bin of a drive over WebDAV, in the shape Nextcloud's clients know:
 * `/dav/trashbin/<drive>/` lists the bin items (each by its id, with its name, original
 * location, deletion time and who deleted it); MOVE of an item into
 * `/dav/trashbin/<drive>/restore/` restores it to where it was (`name (restored)` if that
 * name is taken); DELETE of an item purges it; DELETE of the bin empties it.
 */
async function binDrive(call: DavCall): Promise<{ drive: SeenDrive; driveRef: string; segments: string[] }> {
  const t = call.target;
  if (t.area !== 'trashbin' || t.driveRef === undefined) throw new DavError(404, 'name a drive: /dav/trashbin/<drive>/');
  const drive = await call.salvage.dav.findDrive(call.actor, t.driveRef);
  return { drive, driveRef: t.driveRef, segments: t.segments };
}

function shownItem(driveRef: string, drive: SeenDrive, item: Entry & Pick<ActorNames, 'trashedByName'>): Shown {
  const at = item.trashedAt ?? 0;
  const nc = (name: string, value: string) => ({ ns: NC_NS, name, xml: `<nc:${name}>${escapeXml(value)}</nc:${name}>` });
  return {
    href: hrefOf('trashbin', driveRef, [item.id], item.type === 'folder'),
    entry: { ...item, size: item.type === 'folder' ? item.treeBytes : item.size },
    displayName: item.name,
    folder: item.type === 'folder',
    drive,
    locks: [],
    dead: [],
    extra: [
      nc('trashbin-filename', item.name),
      nc('trashbin-original-location', (item.origPath ?? `/${item.name}`).replace(/^\//, '')),
      nc('trashbin-deletion-time', String(Math.floor(at / 1000))),
      nc('trashbin-deleted-by-id', item.trashedBy ?? ''),
      nc('trashbin-deleted-by-display-name', item.trashedByName ?? ''),
    ],
  };
}

export async function propfindBin(call: DavCall, depth: '0' | '1', request: PropRequest): Promise<AsyncGenerator<string>> {
  if (call.target.area === 'trashbin' && call.target.driveRef === undefined) return propfindDrives(call, depth, request, 'trashbin');
  const { salvage, actor } = call;
  const { drive, driveRef, segments } = await binDrive(call);
  const now = Date.now();
  const none = () => '';
  if (segments.length === 1 && segments[0] !== RESTORE) {
    const item = await binItem(call, drive, segments[0]!);
    return (async function* () {
      yield MULTISTATUS_OPEN + responseXml(shownItem(driveRef, drive, item), request, now, none) + MULTISTATUS_CLOSE;
    })();
  }
  if (segments.length > 1 || (segments.length === 1 && depth === '1')) throw new DavError(404, 'nothing is at this URL');
  return (async function* () {
    yield MULTISTATUS_OPEN;
    yield responseXml({ href: hrefOf('trashbin', driveRef, segments, true), displayName: segments[0] ?? drive.name, folder: true, drive, locks: [], dead: [] }, request, now, none);
    if (depth === '1') {
      let token = '';
      do {
        const page = await salvage.bin.list(actor, { driveId: drive.id, limit: 1000, token });
        yield page.items.map((i: BinItem & ActorNames) => responseXml(shownItem(driveRef, drive, i), request, now, none)).join('');
        token = page.nextToken;
      } while (token !== '');
    }
    yield MULTISTATUS_CLOSE;
  })();
}

/** A bin item (a trash root) of the drive, by id; 404 for anything else. */
async function binItem(call: DavCall, drive: SeenDrive, id: string) {
  try {
    const s = await call.salvage.entries.state(call.actor, { driveId: drive.id, fileId: id });
    if (s.state === 'binned' && s.entry.trashedAt !== null && s.entry.purgeJobId === null) return s.entry;
  } catch (err) {
    if (!(isDomainError(err) && (err.code === 'EntryNotFound' || err.code === 'InvalidParameter'))) throw err;
  }
  throw new DavError(404, 'no such item in the bin');
}

/** DELETE of an item purges it (a job: it leaves the bin at once); DELETE of the bin empties it. */
export async function deleteBin(call: DavCall): Promise<unknown> {
  const { salvage, actor, reply } = call;
  const { drive, segments } = await binDrive(call);
  if (segments.length === 0) {
    await salvage.bin.clear(actor, { driveId: drive.id, policy: 'queue' });
    return reply.code(204).send();
  }
  if (segments.length !== 1 || segments[0] === RESTORE) throw new DavError(403, 'only a bin item or the whole bin can be deleted');
  await binItem(call, drive, segments[0]!);
  await salvage.bin.delete(actor, { driveId: drive.id, fileId: segments[0]!, policy: 'queue', binOnly: true });
  return reply.code(204).send();
}

/** MOVE of an item into `restore/`: restored to where it was, before the answer. */
export async function restoreFromBin(call: DavCall): Promise<unknown> {
  const { salvage, actor, reply } = call;
  if (call.req.method !== 'MOVE') throw new DavError(403, 'bin items can only be moved into restore/ (to restore them)');
  const { drive, driveRef, segments } = await binDrive(call);
  if (segments.length !== 1 || segments[0] === RESTORE) throw new DavError(403, 'only a bin item can be restored');
  const header = call.req.headers.destination;
  const dest = typeof header === 'string' ? targetOfUrl(header, call.req) : undefined;
  if (!dest || dest.area !== 'trashbin' || dest.driveRef !== driveRef || dest.segments[0] !== RESTORE || dest.segments.length > 2) {
    throw new DavError(403, `restore by MOVE to /dav/trashbin/${driveRef}/${RESTORE}/<name>`);
  }
  await binItem(call, drive, segments[0]!);
  const result = await salvage.bin.restore(actor, { driveId: drive.id, fileId: segments[0]!, policy: 'queue' });
  if (!result.entry) await waitForJob(call, result.job.id);
  return reply.code(201).send();
}
