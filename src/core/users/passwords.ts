import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import pLimit from 'p-limit';

/**
 * scrypt runs on libuv's thread pool (4 threads by default), which file reads and writes
 * use too: 40 sign-ins at once held every thread and a 16-byte download waited 10 s. At
 * most this many hashes run at once; the rest queue here, and file I/O keeps its threads.
 */
const HASHES_AT_ONCE = 2;
const hashing = pLimit(HASHES_AT_ONCE);

const scrypt = (password: string, salt: Buffer, keylen: number, options: ScryptOptions) =>
  hashing(
    () =>
      new Promise<Buffer>((resolve, reject) =>
        scryptCallback(password, salt, keylen, options, (err, key) => (err ? reject(err) : resolve(key))),
      ),
  );

// N=2^15, r=8 is OWASP's scrypt baseline; about 50 ms here, fine for sign-in.
const PARAMS = { N: 32768, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const KEY_LENGTH = 32;

/** `scrypt$N$r$p$salt$hash`, so parameters can be raised later without breaking old hashes. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, KEY_LENGTH, PARAMS);
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64'), key.toString('base64')].join('$');
}

/** A hash of nothing anyone knows, made once, checked against when the user does not exist. */
let decoy: Promise<string> | undefined;

/**
 * Checks `password` against `stored`, or, with no stored hash (no such user), against a
 * decoy that never matches, with the same cost: an unknown name answered in 4 ms against
 * 270 ms for a known one told an attacker which names exist.
 */
export async function verifyPassword(password: string, stored: string | undefined): Promise<boolean> {
  if (stored === undefined) {
    await verifyPassword(password, await (decoy ??= hashPassword(randomBytes(16).toString('hex'))));
    return false;
  }
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !hash) return verifyPassword(password, undefined);
  const expected = Buffer.from(hash, 'base64');
  const key = await scrypt(password, Buffer.from(salt, 'base64'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: PARAMS.maxmem,
  });
  return timingSafeEqual(key, expected);
}
