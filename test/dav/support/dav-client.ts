import { DOMParser, type Element } from '@xmldom/xmldom';
import type { TestNode } from '../../support/node.js';

export interface DavAnswer {
  status: number;
  text: string;
  headers: Headers;
}

/** One DAV:response of a multistatus: its href and its found properties' text by local name. */
export interface DavEntry {
  href: string;
  props: Record<string, string>;
  collection: boolean;
}

/** A thin WebDAV client over fetch, for the requests the real clients do not make on cue. */
export class DavClient {
  constructor(
    readonly baseUrl: string,
    readonly user: string,
    readonly password: string,
  ) {}

  get authorization(): string {
    return `Basic ${Buffer.from(`${this.user}:${this.password}`).toString('base64')}`;
  }

  async request(method: string, path: string, init: { headers?: Record<string, string>; body?: string | Buffer; auth?: boolean } = {}): Promise<DavAnswer> {
    const headers: Record<string, string> = { ...init.headers };
    if (init.auth !== false) headers.authorization = this.authorization;
    const res = await fetch(`${this.baseUrl}${path}`, { method, headers, body: init.body });
    return { status: res.status, text: await res.text(), headers: res.headers };
  }

  async propfind(path: string, depth: '0' | '1' = '1', body?: string): Promise<DavEntry[]> {
    const res = await this.request('PROPFIND', path, { headers: { depth }, body });
    if (res.status !== 207) throw new Error(`PROPFIND ${path}: ${res.status} ${res.text}`);
    return parseMultistatus(res.text);
  }
}

export function parseMultistatus(text: string): DavEntry[] {
  const doc = new DOMParser().parseFromString(text, 'application/xml');
  const out: DavEntry[] = [];
  const responses = doc.getElementsByTagNameNS('DAV:', 'response');
  for (let i = 0; i < responses.length; i++) {
    const r = responses[i] as Element;
    const href = r.getElementsByTagNameNS('DAV:', 'href')[0]!.textContent ?? '';
    const props: Record<string, string> = {};
    let collection = false;
    const stats = r.getElementsByTagNameNS('DAV:', 'propstat');
    for (let j = 0; j < stats.length; j++) {
      const st = stats[j] as Element;
      if (!/ 200 /.test(st.getElementsByTagNameNS('DAV:', 'status')[0]?.textContent ?? '')) continue;
      const prop = st.getElementsByTagNameNS('DAV:', 'prop')[0]!;
      for (let c = prop.firstChild; c; c = c.nextSibling) {
        if (c.nodeType !== 1) continue;
        const e = c as Element;
        props[e.localName!] = e.textContent ?? '';
        if (e.localName === 'resourcetype' && e.getElementsByTagNameNS('DAV:', 'collection').length > 0) collection = true;
      }
    }
    out.push({ href, props, collection });
  }
  return out;
}

/** A user with a drive of their own, made through the core (setup, not under test). */
export async function userWithDrive(node: TestNode, name: string, driveName: string, totalSize = -1) {
  const user = await node.salvage.users.create({ name, password: `${name}-password` });
  const drive = await node.salvage.drives.create(node.adminActor, { name: driveName, ownerId: user.id, origin: 'pds', totalSize });
  return { user, drive, dav: new DavClient(node.url, name, `${name}-password`) };
}

/** The bin of a drive as /dav/trashbin/<drive>/ lists it (its items, not the bin itself). */
export async function binOf(dav: DavClient, driveRef: string): Promise<DavEntry[]> {
  const all = await dav.propfind(`/dav/trashbin/${encodeURIComponent(driveRef)}/`, '1');
  return all.slice(1);
}
