import { createHmac, timingSafeEqual } from 'node:crypto';
import { DomainError } from './errors.js';

/**
 * Opaque, tamper-evident page tokens: the keyset position as JSON, base64url, plus an
 * HMAC over it and the listing it belongs to. A token from another listing, an edited
 * one, or one this server never issued fails to verify, and is an InvalidPageToken
 * error, never a crash or a silent restart from page one.
 */
export class PageTokens {
  constructor(private readonly secret: string) {}

  issue(scope: string, position: unknown): string {
    const body = Buffer.from(JSON.stringify(position)).toString('base64url');
    return `${body}.${this.sign(scope, body)}`;
  }

  /**
   * The position inside `token`, or undefined for an empty token (the first page). The
   * error names the field `token`; each dialect calls it by its own name.
   */
  read<T>(scope: string, token: string | undefined): T | undefined {
    if (token === undefined || token === '') return undefined;
    const invalid = () => new DomainError('InvalidPageToken', 'token is not one this server issued for this listing', { field: 'token' });
    // Typed as a string, but checked: a token is the one input that is opaque to the caller.
    if (typeof token !== 'string' || token.length > 2048) throw invalid();
    const dot = token.indexOf('.');
    if (dot <= 0) throw invalid();
    const body = token.slice(0, dot);
    const given = Buffer.from(token.slice(dot + 1), 'base64url');
    const expected = Buffer.from(this.sign(scope, body), 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid();
    try {
      return JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as T;
    } catch {
      throw invalid();
    }
  }

  private sign(scope: string, body: string): string {
    return createHmac('sha256', this.secret).update(scope).update('\n').update(body).digest('base64url');
  }
}
