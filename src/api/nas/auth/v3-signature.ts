import { createHash, createHmac } from 'node:crypto';
import { NasError } from '../errors.js';
import type { NasRequest } from '../request.js';
import { canonicalQuery } from './percent-encode.js';

export const V3_ALGORITHM = 'ACS3-HMAC-SHA256';

export interface V3Authorization {
  accessKeyId: string;
  signedHeaders: string[];
  signature: string;
}

const incomplete = (reason: string) => new NasError('IncompleteSignature', { reason });

/** `ACS3-HMAC-SHA256 Credential=<id>,SignedHeaders=a;b,Signature=<hex>`. */
export function parseV3Authorization(header: string): V3Authorization {
  const space = header.indexOf(' ');
  const algorithm = space === -1 ? header : header.slice(0, space);
  if (algorithm !== V3_ALGORITHM) throw incomplete(`The signature algorithm must be ${V3_ALGORITHM}.`);
  const fields = new Map<string, string>();
  for (const part of header.slice(space + 1).split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const accessKeyId = fields.get('Credential');
  const signedHeaders = fields.get('SignedHeaders');
  const signature = fields.get('Signature');
  if (!accessKeyId) throw new NasError('MissingParameter.AccessKeyId');
  if (!signature) throw new NasError('MissingParameter.Signature');
  if (!signedHeaders) throw incomplete('SignedHeaders is missing.');
  return { accessKeyId, signedHeaders: signedHeaders.split(';'), signature: signature.toLowerCase() };
}

/**
 * The signed headers must cover host and every x-acs-* header sent, and content-type when
 * there is a body, so that nothing that steers the request is left unsigned.
 */
export function checkSignedHeaders(request: NasRequest, signed: string[], sent: string[]): void {
  const hasBody = request.body.length > 0;
  const needed = sent.filter((h) => h === 'host' || h.startsWith('x-acs-') || (h === 'content-type' && hasBody));
  const missing = needed.filter((h) => !signed.includes(h));
  if (missing.length > 0 || signed.some((h) => h !== h.toLowerCase())) {
    throw new NasError('SignatureDoesNotMatch', { reason: `Headers not signed: ${missing.join(', ')}.` });
  }
  if (request.header('host') === undefined) throw incomplete('The host header is missing.');
}

/** The canonical request of the V3 scheme, exactly as @alicloud/openapi-core builds it. */
export function canonicalRequestV3(request: NasRequest, signedHeaders: string[], payloadHash: string): string {
  const headers = signedHeaders.map((h) => `${h}:${(request.header(h) ?? '').trim()}\n`).join('');
  return [request.method, request.path, canonicalQuery(request.query), headers, signedHeaders.join(';'), payloadHash].join('\n');
}

export const sha256Hex = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');

export function signV3(secret: string, canonicalRequest: string): string {
  const stringToSign = `${V3_ALGORITHM}\n${sha256Hex(canonicalRequest)}`;
  return createHmac('sha256', secret).update(stringToSign).digest('hex');
}
