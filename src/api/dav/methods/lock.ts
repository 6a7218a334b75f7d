import { Readable } from 'node:stream';
import { isDomainError } from '../../../core/errors.js';
import type { DavLock } from '../../../core/locks/locks.service.js';
import { bodyOf, type DavCall, ownResource, parentFolder } from '../call.js';
import { DavError } from '../errors.js';
import { checkIfHeader, parseIf } from '../if-header.js';
import { activeLock } from '../props.js';
import { children, innerXml, isDav, parseXml, readBody, XML_HEAD } from '../xml.js';
import { lockRootOf } from './propfind.js';

/** `Timeout: Second-600, Infinite`: the first the server understands (it may cap it). */
function timeoutOf(call: DavCall): number | undefined {
  const raw = call.req.headers.timeout;
  if (typeof raw !== 'string') return undefined;
  for (const part of raw.split(',').map((s) => s.trim())) {
    if (/^infinite$/i.test(part)) return Number.MAX_SAFE_INTEGER;
    const m = /^Second-(\d{1,12})$/i.exec(part);
    if (m) return Number(m[1]);
  }
  return undefined;
}

const lockAnswer = (lock: DavLock, driveRef: string) =>
  `${XML_HEAD}<D:prop xmlns:D="DAV:"><D:lockdiscovery>${activeLock(lock, lockRootOf(driveRef)(lock), Date.now())}</D:lockdiscovery></D:prop>\n`;

/**
 * LOCK (RFC 4918 9.10): a new exclusive or shared write lock at Depth 0 or infinity; with
 * no body, a refresh of the lock the If header names. Locking a name nothing has yet makes
 * an empty file there (9.10.4). The lock lives in the database, so every node sees it.
 */
export async function lock(call: DavCall): Promise<unknown> {
  const { req, reply, salvage, actor } = call;
  const r = await ownResource(call);
  const root = parseXml(await readBody(bodyOf(req)));
  const timeoutSec = timeoutOf(call);
  if (!root) {
    const header = typeof req.headers.if === 'string' ? req.headers.if : '';
    if (header === '') throw new DavError(400, 'a LOCK with no body refreshes a lock: name it in the If header');
    const token = parseIf(header).flatMap((l) => l.conditions).find((c) => c.token && !c.not)?.token;
    if (!token) throw new DavError(400, 'the If header names no lock token');
    await checkIfHeader(call, r);
    let refreshed: DavLock;
    try {
      refreshed = await salvage.dav.refreshLock(actor, { driveId: r.drive.id, path: r.path, token, timeoutSec });
    } catch (err) {
      if (isDomainError(err) && err.code === 'InvalidParameter') throw new DavError(412, 'the If header names no lock of yours on this resource', 'lock-token-matches-request-uri');
      throw err;
    }
    return reply.code(200).type('application/xml; charset=utf-8').send(lockAnswer(refreshed, r.driveRef));
  }
  if (!isDav(root, 'lockinfo')) throw new DavError(400, 'the body must be a DAV:lockinfo element');
  const scopeEl = children(root, 'DAV:', 'lockscope')[0];
  const scope = scopeEl && children(scopeEl, 'DAV:', 'shared').length > 0 ? 'shared' : scopeEl && children(scopeEl, 'DAV:', 'exclusive').length > 0 ? 'exclusive' : undefined;
  if (!scope) throw new DavError(400, 'DAV:lockscope must be exclusive or shared');
  const typeEl = children(root, 'DAV:', 'locktype')[0];
  if (!typeEl || children(typeEl, 'DAV:', 'write').length === 0) throw new DavError(400, 'DAV:locktype must be write');
  const ownerEl = children(root, 'DAV:', 'owner')[0];
  const depthHeader = req.headers.depth === undefined ? 'infinity' : String(req.headers.depth).toLowerCase();
  if (depthHeader !== '0' && depthHeader !== 'infinity') throw new DavError(400, 'LOCK takes Depth 0 or infinity');
  if (r.segments.length > 0 && !r.entry) parentFolder(r);
  await checkIfHeader(call, r);
  const taken = await salvage.dav.lock(actor, {
    driveId: r.drive.id,
    path: r.path,
    depth: depthHeader === '0' || r.entry?.type !== 'folder' ? '0' : 'infinity',
    scope,
    ownerXml: ownerEl ? innerXml(ownerEl) : '',
    timeoutSec,
  });
  let created = false;
  if (!r.entry) {
    // A lock on an unmapped URL makes an empty file there (RFC 4918 7.3).
    const parent = parentFolder(r);
    try {
      await salvage.dav.putFile(actor, { driveId: r.drive.id, parentId: parent.id, name: r.segments[r.segments.length - 1]!, content: Readable.from([]) });
      created = true;
    } catch (err) {
      await salvage.dav.unlock(actor, { driveId: r.drive.id, path: r.path, token: taken.token }).catch(() => undefined);
      throw err;
    }
  }
  return reply
    .code(created ? 201 : 200)
    .header('lock-token', `<${taken.token}>`)
    .type('application/xml; charset=utf-8')
    .send(lockAnswer(taken, r.driveRef));
}

/** UNLOCK (RFC 4918 9.11): the lock the Lock-Token header names, if it covers this resource. */
export async function unlock(call: DavCall): Promise<unknown> {
  const { req, reply, salvage, actor } = call;
  const r = await ownResource(call);
  const m = typeof req.headers['lock-token'] === 'string' ? /^\s*<([^>]+)>\s*$/.exec(req.headers['lock-token']) : null;
  if (!m) throw new DavError(400, 'UNLOCK needs a Lock-Token header: <token>');
  try {
    await salvage.dav.unlock(actor, { driveId: r.drive.id, path: r.path, token: m[1]! });
  } catch (err) {
    if (isDomainError(err) && err.code === 'InvalidParameter') throw new DavError(409, 'the Lock-Token names no lock of yours on this resource', 'lock-token-matches-request-uri');
    throw err;
  }
  return reply.code(204).send();
}
