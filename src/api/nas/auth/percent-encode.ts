/**
 * RFC 3986 percent-encoding as Alibaba's signers apply it: encodeURIComponent, plus the
 * five characters it leaves alone that RFC 3986 reserves.
 */
export const percentEncode = (text: string): string =>
  encodeURIComponent(text)
    .replace(/!/g, '%21')
    .replace(/'/g, '%27')
    .replace(/\(/g, '%28')
    .replace(/\)/g, '%29')
    .replace(/\*/g, '%2A');

/** `k=v&...` of the pairs sorted by name, both sides encoded: the canonical query of both schemes. */
export const canonicalQuery = (pairs: [string, string][]): string =>
  [...pairs]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`)
    .join('&');
