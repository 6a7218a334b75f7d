import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { initSetting } from '../../store/repositories/settings.repository.js';
import type { CoreContext } from '../context.js';

const cache = new WeakMap<CoreContext, Map<string, Promise<string>>>();

/**
 * A random secret kept in the settings table under `name`, made by the first node that
 * asks: every node of one database signs and verifies with the same key.
 */
export function serverSecret(ctx: CoreContext, name: string): Promise<string> {
  let secrets = cache.get(ctx);
  if (!secrets) cache.set(ctx, (secrets = new Map()));
  let secret = secrets.get(name);
  if (!secret) {
    secret = initSetting(ctx.store.db, name, randomBytes(32).toString('hex'));
    secret.catch(() => secrets.delete(name));
    secrets.set(name, secret);
  }
  return secret;
}

/** A new bearer secret: 32 random bytes, URL-safe. */
export const newSecretToken = (): string => randomBytes(32).toString('base64url');

/** What the database keeps instead of a token: a leaked table grants nothing. */
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/** HMAC-SHA256 over the fields, joined unambiguously; `purpose` keeps one kind from passing as another. */
export async function signFields(ctx: CoreContext, purpose: string, fields: readonly string[]): Promise<string> {
  const hmac = createHmac('sha256', await serverSecret(ctx, 'url-signing-secret'));
  hmac.update(purpose);
  for (const f of fields) hmac.update(`\n${f.length}:${f}`);
  return hmac.digest('base64url');
}

export async function verifyFields(
  ctx: CoreContext,
  purpose: string,
  signed: { fields: readonly string[]; signature: string },
): Promise<boolean> {
  const { fields, signature } = signed;
  const expected = Buffer.from(await signFields(ctx, purpose, fields), 'base64url');
  const given = Buffer.from(signature, 'base64url');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
