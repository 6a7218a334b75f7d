/**
 * The names the web UI's credentials travel under, shared by the dialects that accept
 * them (PDS and Jobs): the HttpOnly session cookie, and the CSRF double-submit pair. The
 * core knows none of them; it verifies a session id and the CSRF token it was given.
 */
export const SESSION_COOKIE = 'salvage_session';
export const XSRF_COOKIE = 'XSRF-TOKEN';
export const XSRF_HEADER = 'x-xsrf-token';

/**
 * The name a cookie travels under for a request: under TLS (directly, or as a trusted
 * proxy says) it takes the `__Host-` prefix, which browsers accept only when Secure, for
 * path `/` and with no Domain, so a sibling subdomain or a plain-http page cannot plant
 * one. Read under the same rule: an https request accepts only the prefixed name.
 */
export const cookieName = (name: string, secure: boolean): string => (secure ? `__Host-${name}` : name);

/**
 * The CSRF token of a double submit: the X-XSRF-TOKEN header, if it is present and equals
 * the XSRF-TOKEN cookie (another site can make the browser send our cookies but cannot
 * read them, so it cannot set the header); undefined otherwise.
 */
export function doubleSubmitted(header: string | undefined, cookie: string | undefined): string | undefined {
  return header && cookie && header === cookie ? header : undefined;
}
