import {
  deleteSignInFailures,
  deleteSignInFailuresBefore,
  failuresSince,
  insertSignInFailures,
} from '../../store/repositories/sign-in-failures.repository.js';
import type { CoreContext } from '../context.js';
import { DomainError, type DomainField } from '../errors.js';
import { isId } from '../ids.js';
import type { User } from '../types.js';
import { authenticate } from '../users/users.service.js';

/**
 * Who a sign-in attempt counts against. `account` is the user name as given (PDS password
 * grant, Jobs login), `accessKeyId` the key of a signed NAS request; `address` the client's
 * address as the server sees it (shared by all dialects: one address, one count).
 */
export interface SignInSubjects {
  account?: string;
  accessKeyId?: string;
  address?: string;
}

interface Subject {
  key: string;
  limit: number;
  /** The input the refusal is about; none for the address, which is no input. */
  field?: DomainField;
}

function subjectsOf(ctx: CoreContext, who: SignInSubjects): Subject[] {
  const { signInAccountLimit, signInAddressLimit } = ctx.settings;
  const out: Subject[] = [];
  if (who.account !== undefined) out.push({ key: `account:${who.account}`, limit: signInAccountLimit, field: 'username' });
  // A key id that is no id at all is refused before any lookup; it counts only against its address.
  if (who.accessKeyId !== undefined && isId(who.accessKeyId)) {
    out.push({ key: `key:${who.accessKeyId}`, limit: signInAccountLimit, field: 'accessKeyId' });
  }
  if (who.address !== undefined && who.address !== '') out.push({ key: `address:${who.address}`, limit: signInAddressLimit });
  return out;
}

/**
 * Refuses an attempt while any of its subjects has had `limit` failures within the last
 * window (a sliding window: each failure counts for exactly one window after it happened).
 * The attempt is refused before the password or signature is looked at, so a refused
 * attempt costs no hash and teaches nothing; it is not counted itself, so a client that
 * keeps trying is let in once the oldest failure of the window is older than the window.
 */
export async function checkSignInThrottle(ctx: CoreContext, who: SignInSubjects): Promise<void> {
  const now = ctx.clock.now();
  const windowMs = ctx.settings.signInWindowMs;
  for (const subject of subjectsOf(ctx, who)) {
    const times = await failuresSince(ctx.store.db, subject.key, now - windowMs, subject.limit);
    if (times.length < subject.limit) continue;
    // The oldest of the last `limit` failures leaves the window first; then one more may try.
    const retryAfterSec = Math.max(1, Math.ceil((times[0]! + windowMs - now) / 1000));
    throw new DomainError('SignInThrottled', `too many failed sign-ins for ${subject.key}`, {
      ...(subject.field && { field: subject.field }),
      reason: 'had too many failed sign-ins',
      max: subject.limit,
      retryAfterSec,
    });
  }
}

/** Counts one failed attempt against each of its subjects, in one statement. */
export async function recordSignInFailure(ctx: CoreContext, who: SignInSubjects): Promise<void> {
  await insertSignInFailures(ctx.store.db, subjectsOf(ctx, who).map((s) => s.key), ctx.clock.now());
}

/**
 * A good password clears its account's failures (not its address's: one address may try
 * many accounts), so the rightful user who mistyped a few times starts afresh.
 */
async function forgetAccountFailures(ctx: CoreContext, account: string): Promise<void> {
  await deleteSignInFailures(ctx.store.db, `account:${account}`);
}

/** The user with this name and password, unless the account or address is throttled. */
export async function signIn(
  ctx: CoreContext,
  input: { username: string; password: string; address?: string },
): Promise<User> {
  const who = { account: input.username, address: input.address };
  await checkSignInThrottle(ctx, who);
  let user: User;
  try {
    user = await authenticate(ctx, input.username, input.password);
  } catch (err) {
    if (err instanceof DomainError && err.code === 'Unauthenticated') await recordSignInFailure(ctx, who);
    throw err;
  }
  await forgetAccountFailures(ctx, input.username);
  return user;
}

/** Housekeeping: failures older than the window count against no one. */
export const forgetOldSignInFailures = (ctx: CoreContext): Promise<number> =>
  deleteSignInFailuresBefore(ctx.store.db, ctx.clock.now() - ctx.settings.signInWindowMs);
