import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * Access-key secrets at rest. HMAC verification needs the secret itself, so it cannot be
 * hashed like a password; it is encrypted with AES-256-GCM under the node's secret key
 * (the data directory's `secret.key`, or SALVAGE_SECRET_KEY), which the database never
 * holds: a copy of the database alone reveals no secret.
 */
const PREFIX = 'gcm1';

/** The 32-byte key from the configured text (any length; SHA-256 makes it 32 bytes). */
export const secretKeyFrom = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

export function seal(key: Buffer, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [PREFIX, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join(':');
}

/** The plain secret, or undefined if it was sealed under another key or tampered with. */
export function open(key: Buffer, sealed: string): string | undefined {
  const [prefix, iv, tag, body] = sealed.split(':');
  if (prefix !== PREFIX || iv === undefined || tag === undefined || body === undefined) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    return undefined;
  }
}
