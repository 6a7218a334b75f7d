import { createHmac, timingSafeEqual } from 'node:crypto';
import { getUserByName } from '../../store/repositories/users.repository.js';
import type { CoreContext } from '../context.js';
import { DomainError } from '../errors.js';
import type { User } from '../types.js';
import { resolveAccessKey } from '../users/users.service.js';
import { checkSignInThrottle, recordSignInFailure, signIn } from './sign-in-throttle.js';

/**
 * Protocols that send the credentials with every request (WebDAV's HTTP Basic) would pay a
 * 50-270 ms scrypt per request. A password checked once is remembered here for a minute,
 * as an HMAC under the node's secret key, together with the stored hash it matched: a
 * changed password (another hash) misses, and the user row is read on every request, so a
 * disabled user is refused at once.
 */
const REMEMBER_MS = 60_000;
const REMEMBERED_MAX = 10_000;
const remembered = new Map<string, { hash: string; digest: Buffer; until: number }>();

const unauthenticated = () => new DomainError('Unauthenticated', 'wrong user name or secret', { reason: 'the user name or password is wrong' });

/**
 * The user behind a name and a secret: an access key id and its secret (an app password),
 * or a user name and password; throttled per key or name and per address like every
 * sign-in (sign-in-throttle.ts).
 */
export async function signInWithSecret(ctx: CoreContext, input: { name: string; secret: string; address?: string }): Promise<User> {
  const found = await getUserByName(ctx.store.db, input.name);
  const key = found ? undefined : await resolveAccessKey(ctx, input.name);
  if (key) {
    const who = { accessKeyId: input.name, address: input.address };
    await checkSignInThrottle(ctx, who);
    const a = Buffer.from(input.secret);
    const b = Buffer.from(key.secret);
    if (a.length === b.length && timingSafeEqual(a, b)) return key.user;
    await recordSignInFailure(ctx, who);
    throw unauthenticated();
  }
  const digest = createHmac('sha256', ctx.secretKey).update(`${input.name}\0${input.secret}`).digest();
  const known = remembered.get(input.name);
  // A remembered password skips the hash and the throttle: only the right password gets here.
  if (found && known && known.until > ctx.clock.now() && known.hash === found.passwordHash && timingSafeEqual(known.digest, digest)) {
    if (found.user.status === 'enabled') return found.user;
  }
  const user = await signIn(ctx, { username: input.name, password: input.secret, address: input.address });
  if (found) {
    if (remembered.size >= REMEMBERED_MAX) remembered.clear();
    remembered.set(input.name, { hash: found.passwordHash, digest, until: ctx.clock.now() + REMEMBER_MS });
  }
  return user;
}
