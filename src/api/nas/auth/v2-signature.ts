import { createHmac } from 'node:crypto';
import { canonicalQuery, percentEncode } from './percent-encode.js';

/**
 * The V2 (RPC, HMAC-SHA1) signature over every parameter but Signature itself, as
 * @alicloud/pop-core computes it: `METHOD&%2F&encode(canonical query)`, keyed with
 * `secret&`, base64.
 */
export function signV2(secret: string, method: string, params: [string, string][]): string {
  const unsigned = params.filter(([name]) => name !== 'Signature');
  const stringToSign = `${method}&${percentEncode('/')}&${percentEncode(canonicalQuery(unsigned))}`;
  return createHmac('sha1', `${secret}&`).update(stringToSign).digest('base64');
}
