import type { Element } from '@xmldom/xmldom';
import type { DavLock } from '../../core/locks/locks.service.js';
import type { DeadProperty } from '../../core/entries/dead-properties.js';
import type { Drive, Entry } from '../../core/types.js';
import { etagOf } from './call.js';
import { DavError } from './errors.js';
import { children, DAV_NS, emptyProp, escapeXml, isDav } from './xml.js';

/** What a PROPFIND asks for (RFC 4918 9.1): everything, the names only, or some properties. */
export type PropRequest = { kind: 'allprop'; include: PropName[] } | { kind: 'propname' } | { kind: 'prop'; names: PropName[] };

export interface PropName {
  ns: string;
  name: string;
}

/** A PROPFIND body; none is allprop. */
export function propRequestOf(root: Element | undefined): PropRequest {
  if (!root) return { kind: 'allprop', include: [] };
  if (!isDav(root, 'propfind')) throw new DavError(400, 'the body must be a DAV:propfind element');
  const [first] = children(root);
  if (!first) throw new DavError(400, 'DAV:propfind must hold allprop, propname or prop');
  if (isDav(first, 'propname')) return { kind: 'propname' };
  const namesIn = (el: Element | undefined) => (el ? children(el).map((p) => ({ ns: p.namespaceURI ?? '', name: p.localName ?? '' })) : []);
  if (isDav(first, 'allprop')) return { kind: 'allprop', include: namesIn(children(root, DAV_NS, 'include')[0]) };
  if (isDav(first, 'prop')) return { kind: 'prop', names: namesIn(first) };
  throw new DavError(400, 'DAV:propfind must hold allprop, propname or prop');
}

/** A resource as PROPFIND shows it. */
export interface Shown {
  href: string;
  /** An entry of a drive, or a drive (the list of drives shows each as a folder). */
  entry?: Entry;
  displayName: string;
  folder: boolean;
  /** The drive it is in, for the quota (none for /dav/ itself). */
  drive?: Drive;
  locks: DavLock[];
  dead: DeadProperty[];
  /** Extra live properties (the bin's), by namespace and name, already as XML. */
  extra?: { ns: string; name: string; xml: string }[];
}

const date1123 = (ms: number) => new Date(ms).toUTCString();
const iso = (ms: number) => new Date(ms).toISOString();

export const SUPPORTED_LOCK =
  '<D:supportedlock><D:lockentry><D:lockscope><D:exclusive/></D:lockscope><D:locktype><D:write/></D:locktype></D:lockentry>' +
  '<D:lockentry><D:lockscope><D:shared/></D:lockscope><D:locktype><D:write/></D:locktype></D:lockentry></D:supportedlock>';

/** One lock as DAV:activelock (RFC 4918 14.1); `root` is the href of the locked path. */
export function activeLock(lock: DavLock, root: string, now: number): string {
  const left = Math.max(0, Math.round((lock.expiresAt - now) / 1000));
  return (
    `<D:activelock><D:locktype><D:write/></D:locktype><D:lockscope><D:${lock.scope}/></D:lockscope>` +
    `<D:depth>${lock.depth === 'infinity' ? 'infinity' : '0'}</D:depth>` +
    (lock.ownerXml ? `<D:owner>${lock.ownerXml}</D:owner>` : '') +
    `<D:timeout>Second-${left}</D:timeout><D:locktoken><D:href>${escapeXml(lock.token)}</D:href></D:locktoken>` +
    `<D:lockroot><D:href>${escapeXml(root)}</D:href></D:lockroot></D:activelock>`
  );
}

/** RFC 4918 live properties, and RFC 4331's quota on folders; `allprop` leaves the quota out. */
function liveProps(s: Shown, now: number, lockRoot: (l: DavLock) => string): Map<string, string> {
  const p = new Map<string, string>();
  const e = s.entry;
  p.set('resourcetype', s.folder ? '<D:resourcetype><D:collection/></D:resourcetype>' : '<D:resourcetype/>');
  p.set('displayname', `<D:displayname>${escapeXml(s.displayName)}</D:displayname>`);
  if (e) {
    if (!s.folder) {
      p.set('getcontentlength', `<D:getcontentlength>${e.size}</D:getcontentlength>`);
      p.set('getcontenttype', `<D:getcontenttype>${escapeXml(e.contentType || 'application/octet-stream')}</D:getcontenttype>`);
    }
    p.set('getetag', `<D:getetag>${escapeXml(etagOf(e))}</D:getetag>`);
    p.set('getlastmodified', `<D:getlastmodified>${date1123(e.updatedAt)}</D:getlastmodified>`);
    p.set('creationdate', `<D:creationdate>${iso(e.createdAt)}</D:creationdate>`);
  } else if (s.drive) {
    p.set('getlastmodified', `<D:getlastmodified>${date1123(s.drive.updatedAt)}</D:getlastmodified>`);
    p.set('creationdate', `<D:creationdate>${iso(s.drive.createdAt)}</D:creationdate>`);
  }
  p.set('supportedlock', SUPPORTED_LOCK);
  p.set('lockdiscovery', `<D:lockdiscovery>${s.locks.map((l) => activeLock(l, lockRoot(l), now)).join('')}</D:lockdiscovery>`);
  return p;
}

function quotaProps(s: Shown): Map<string, string> {
  const q = new Map<string, string>();
  if (!s.folder || !s.drive) return q;
  q.set('quota-used-bytes', `<D:quota-used-bytes>${s.drive.usedSize}</D:quota-used-bytes>`);
  if (s.drive.totalSize >= 0) q.set('quota-available-bytes', `<D:quota-available-bytes>${Math.max(0, s.drive.totalSize - s.drive.usedSize)}</D:quota-available-bytes>`);
  return q;
}

const key = (ns: string, name: string) => `${ns}\n${name}`;

/** One DAV:response of a multistatus for a shown resource. */
export function responseXml(s: Shown, req: PropRequest, now: number, lockRoot: (l: DavLock) => string): string {
  const live = liveProps(s, now, lockRoot);
  const quota = quotaProps(s);
  const dead = new Map(s.dead.map((d) => [key(d.ns, d.name), d.xml]));
  const extra = new Map((s.extra ?? []).map((x) => [key(x.ns, x.name), x.xml]));
  const found: string[] = [];
  const missing: string[] = [];
  if (req.kind === 'propname') {
    for (const name of [...live.keys(), ...quota.keys()]) found.push(`<D:${name}/>`);
    for (const x of s.extra ?? []) found.push(emptyProp(x.ns, x.name));
    for (const d of s.dead) found.push(emptyProp(d.ns, d.name));
  } else if (req.kind === 'allprop') {
    found.push(...live.values(), ...extra.values(), ...dead.values());
    for (const n of req.include) {
      const v = n.ns === DAV_NS ? quota.get(n.name) : undefined;
      if (v) found.push(v);
    }
  } else {
    for (const n of req.names) {
      const v = (n.ns === DAV_NS ? (live.get(n.name) ?? quota.get(n.name)) : undefined) ?? extra.get(key(n.ns, n.name)) ?? dead.get(key(n.ns, n.name));
      if (v !== undefined) found.push(v);
      else missing.push(emptyProp(n.ns, n.name));
    }
  }
  let out = `<D:response><D:href>${escapeXml(s.href)}</D:href>`;
  if (found.length > 0 || missing.length === 0) out += `<D:propstat><D:prop>${found.join('')}</D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat>`;
  if (missing.length > 0) out += `<D:propstat><D:prop>${missing.join('')}</D:prop><D:status>HTTP/1.1 404 Not Found</D:status></D:propstat>`;
  return `${out}</D:response>\n`;
}

/** Properties a client may not set or remove: every live one. */
export const isLiveProperty = (ns: string, name: string): boolean =>
  ns === DAV_NS &&
  ['resourcetype', 'displayname', 'getcontentlength', 'getcontenttype', 'getetag', 'getlastmodified', 'creationdate', 'supportedlock', 'lockdiscovery', 'quota-used-bytes', 'quota-available-bytes'].includes(name);
