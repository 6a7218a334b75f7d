import { type DavCall, etagOf, type Resource, resourceIn } from './call.js';
import { DavError } from './errors.js';
import { targetOfUrl } from './target.js';

/** One condition of an If list: a state token (a lock token) or an entity tag, maybe negated. */
interface Condition {
  not: boolean;
  token?: string;
  etag?: string;
}

/** A list of conditions, all of which must hold, about `url` (tagged) or the request's resource. */
interface IfList {
  url?: string;
  conditions: Condition[];
}

const badIf = (why: string) => new DavError(400, `the If header is not valid: ${why}`);

/** RFC 4918 10.4: `[<url>] (cond cond) (cond) <url2> (cond)`. */
export function parseIf(header: string): IfList[] {
  const lists: IfList[] = [];
  let tag: string | undefined;
  let i = 0;
  const until = (close: string) => {
    const end = header.indexOf(close, i + 1);
    if (end < 0) throw badIf(`'${header[i]}' is not closed`);
    const s = header.slice(i + 1, end);
    i = end + 1;
    return s;
  };
  while (i < header.length) {
    const c = header[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '<') {
      tag = until('>');
    } else if (c === '(') {
      i++;
      const conditions: Condition[] = [];
      for (;;) {
        while (/\s/.test(header[i] ?? '')) i++;
        if (header[i] === ')') {
          i++;
          break;
        }
        let not = false;
        if (header.slice(i, i + 3).toLowerCase() === 'not') {
          not = true;
          i += 3;
          while (/\s/.test(header[i] ?? '')) i++;
        }
        if (header[i] === '<') conditions.push({ not, token: until('>') });
        else if (header[i] === '[') conditions.push({ not, etag: until(']') });
        else throw badIf('a condition must be <state-token> or [etag]');
      }
      if (conditions.length === 0) throw badIf('a list is empty');
      lists.push({ url: tag, conditions });
    } else {
      throw badIf(`unexpected '${c}'`);
    }
  }
  if (lists.length === 0) throw badIf('no list');
  return lists;
}

interface State {
  etag: string | undefined;
  tokens: Set<string>;
}

/**
 * Evaluates the If header (RFC 4918 10.4): it passes when any one list holds, and a list
 * holds when each of its conditions does. A failed header is 412. Returns every lock token
 * the header names: the tokens the request submits (7.4), which the lock check accepts.
 */
export async function checkIfHeader(call: DavCall, own: Resource | undefined): Promise<string[]> {
  const raw = call.req.headers.if;
  if (typeof raw !== 'string' || raw.trim() === '') return [];
  const lists = parseIf(raw);
  const states = new Map<string, State>();
  const stateOf = async (url: string | undefined): Promise<State> => {
    const key = url ?? '';
    const known = states.get(key);
    if (known) return known;
    let state: State = { etag: undefined, tokens: new Set() };
    const res = url === undefined ? own : await resourceAtUrl(call, url, own);
    if (res) {
      const locks = await call.salvage.dav.locksOn(call.actor, { driveId: res.drive.id, path: res.path });
      state = { etag: res.entry && etagOf(res.entry), tokens: new Set(locks.map((l) => l.token)) };
    }
    states.set(key, state);
    return state;
  };
  let passed = false;
  for (const list of lists) {
    const state = await stateOf(list.url);
    const holds = list.conditions.every((c) => {
      const match = c.token !== undefined ? state.tokens.has(c.token) : state.etag !== undefined && state.etag === c.etag;
      return c.not ? !match : match;
    });
    if (holds) {
      passed = true;
      break;
    }
  }
  if (!passed) throw new DavError(412, 'the If header does not hold for this resource');
  return lists.flatMap((l) => l.conditions.flatMap((c) => (c.token ? [c.token] : [])));
}

/** The resource a tagged list names, if it is in the same drive; otherwise none. */
async function resourceAtUrl(call: DavCall, url: string, own: Resource | undefined): Promise<Resource | undefined> {
  let t;
  try {
    t = targetOfUrl(url, call.req);
  } catch {
    return undefined;
  }
  if (t.area !== 'files' || !own || t.driveRef !== own.driveRef) return undefined;
  return resourceIn(call.salvage, call.actor, { drive: own.drive, driveRef: own.driveRef, segments: t.segments });
}

/**
 * The checks of a request that writes: the If header holds (412 otherwise), and every lock
 * on what it changes was submitted by its owner (423 otherwise). `targets` are lock paths,
 * `below` when what is under them changes too.
 */
export async function guardWrite(call: DavCall, own: Resource, targets: { path: string; below: boolean }[]): Promise<string[]> {
  const tokens = await checkIfHeader(call, own);
  await call.salvage.dav.requireUnlocked(call.actor, { driveId: own.drive.id, targets, tokens });
  return tokens;
}

/** If-Match / If-None-Match (RFC 9110 13.1) on the request's resource; 412 when they fail. */
export function checkEtagPreconditions(call: DavCall, r: Resource): void {
  const etag = r.entry && etagOf(r.entry);
  const ifMatch = call.req.headers['if-match'];
  if (typeof ifMatch === 'string') {
    const ok = ifMatch.trim() === '*' ? etag !== undefined : etag !== undefined && ifMatch.split(',').map((s) => s.trim().replace(/^W\//, '')).includes(etag);
    if (!ok) throw new DavError(412, 'If-Match does not hold');
  }
  const ifNone = call.req.headers['if-none-match'];
  if (typeof ifNone === 'string' && etag !== undefined) {
    const hit = ifNone.trim() === '*' || ifNone.split(',').map((s) => s.trim().replace(/^W\//, '')).includes(etag);
    if (hit) {
      if (call.req.method === 'GET' || call.req.method === 'HEAD') throw new DavError(304, 'not modified');
      throw new DavError(412, 'If-None-Match does not hold');
    }
  }
}
