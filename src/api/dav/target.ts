import type { FastifyRequest } from 'fastify';

/** Where the dialect lives; every href it answers starts with this. */
export const DAV_PREFIX = '/dav';
/** The bin's namespace under the prefix (a drive named so is reached by its id). */
export const TRASHBIN = 'trashbin';

/**
 * What a request URL names: the list of drives, a path in a drive, or a drive's bin.
 * `driveRef` is the drive's segment as the client wrote it (a name or an id); hrefs in
 * answers use it again, so they stay in the client's own namespace.
 */
export type DavTarget =
  | { area: 'root' }
  | { area: 'files'; driveRef: string; segments: string[]; slash: boolean }
  | { area: 'trashbin'; driveRef: string | undefined; segments: string[]; slash: boolean };

export class BadTarget extends Error {}

/** The path of a URL (absolute or not) as decoded segments, NFC, with whether it ended in '/'. */
function pathSegments(raw: string): { segments: string[]; slash: boolean } {
  // A '#' that reaches the server is part of the name: clients never send fragments.
  const path = raw.split('?')[0]!;
  const segments: string[] = [];
  for (const part of path.split('/')) {
    if (part === '') continue;
    let s: string;
    try {
      s = decodeURIComponent(part);
    } catch {
      throw new BadTarget(`the URL segment ${part} is not valid percent-encoded UTF-8`);
    }
    if (s === '.' || s === '..' || s.includes('/') || s.includes('\0')) throw new BadTarget(`the URL segment ${part} is not a name`);
    segments.push(s.normalize('NFC'));
  }
  return { segments, slash: path.endsWith('/') };
}

/** A path under /dav as a target; anything else is BadTarget. */
export function targetOf(rawPath: string): DavTarget {
  const { segments, slash } = pathSegments(rawPath);
  if (segments[0] !== 'dav') throw new BadTarget('the URL is not under /dav/');
  const rest = segments.slice(1);
  if (rest.length === 0) return { area: 'root' };
  if (rest[0] === TRASHBIN) return { area: 'trashbin', driveRef: rest[1], segments: rest.slice(2), slash };
  return { area: 'files', driveRef: rest[0]!, segments: rest.slice(1), slash };
}

export const targetOfRequest = (req: FastifyRequest): DavTarget => targetOf(req.url);

/**
 * The Destination header of COPY and MOVE (or a tagged If list's URL): an absolute URL or
 * an absolute path. A URL of another host is BadTarget: this server copies within itself.
 */
export function targetOfUrl(value: string, req: FastifyRequest): DavTarget {
  let path = value;
  if (/^[a-z][a-z0-9+.-]*:/i.test(value)) {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      throw new BadTarget('the URL is not valid');
    }
    const host = req.headers.host;
    if (host !== undefined && url.host !== host) throw new BadTarget('the URL names another server');
    path = url.pathname;
    if (url.hash) path += encodeURIComponent(url.hash);
  }
  return targetOf(path);
}

const enc = (s: string): string => encodeURIComponent(s).replace(/%40/g, '@').replace(/'/g, '%27');

/** The href of a path of a drive (segments given), a folder's ending in '/'. */
export const hrefOf = (area: 'files' | 'trashbin', driveRef: string, segments: readonly string[], folder: boolean): string => {
  const base = area === 'files' ? `${DAV_PREFIX}/${enc(driveRef)}` : `${DAV_PREFIX}/${TRASHBIN}/${enc(driveRef)}`;
  const path = segments.map(enc).join('/');
  return `${base}/${path}${path !== '' && folder ? '/' : ''}`;
};

/** The lock path of segments: drive-relative, no leading or trailing slash. */
export const lockPath = (segments: readonly string[]): string => segments.join('/');
