import type { DavCall } from '../call.js';
import { type PropRequest, responseXml } from '../props.js';
import { DAV_PREFIX, hrefOf, TRASHBIN } from '../target.js';
import { MULTISTATUS_CLOSE, MULTISTATUS_OPEN } from '../xml.js';

/** Drives listed per query under /dav/ (offset pages of the core's drive list). */
const DRIVES_PAGE = 100;

/**
 * PROPFIND of /dav/: a folder whose children are the drives the user sees, each by name
 * (a drive is also reached by its id; among drives of one name the oldest is meant).
 */
export async function* propfindDrives(call: DavCall, depth: '0' | '1', request: PropRequest, area: 'files' | 'trashbin' = 'files'): AsyncGenerator<string> {
  const { salvage, actor } = call;
  const now = Date.now();
  const none = () => '';
  yield MULTISTATUS_OPEN;
  const first = await salvage.drives.list(actor, { offset: 0, limit: DRIVES_PAGE });
  yield responseXml({ href: area === 'files' ? `${DAV_PREFIX}/` : `${DAV_PREFIX}/${TRASHBIN}/`, displayName: 'dav', folder: true, locks: [], dead: [] }, request, now, none);
  if (depth === '1') {
    let page = first;
    for (let offset = 0; ; ) {
      let chunk = '';
      for (const d of page.items) {
        chunk += responseXml({ href: hrefOf(area, d.name, [], true), displayName: d.name, folder: true, drive: d, locks: [], dead: [] }, request, now, none);
      }
      yield chunk;
      offset += page.items.length;
      if (page.items.length < DRIVES_PAGE || offset >= page.total) break;
      page = await salvage.drives.list(actor, { offset, limit: DRIVES_PAGE });
    }
  }
  yield MULTISTATUS_CLOSE;
}
