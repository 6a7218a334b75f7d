import { timingSafeEqual } from 'node:crypto';
import type { Salvage } from '../../../core/salvage.js';
import { isId } from '../../../core/ids.js';
import type { Actor } from '../../../core/types.js';
import { NasError } from '../errors.js';
import type { NasParams } from '../params.js';
import type { NasRequest } from '../request.js';
import { checkRequestTime, SIGNATURE_WINDOW_MS } from './request-time.js';
import { signV2 } from './v2-signature.js';
import { canonicalRequestV3, checkSignedHeaders, parseV3Authorization, sha256Hex, signV3 } from './v3-signature.js';

/** What a signature scheme extracts before the key is known. */
interface Claim {
  accessKeyId: string;
  nonce: string;
  /** The request's own date, checked against the window already. */
  time: number;
  /** Whether `secret` produced this request's signature. */
  verify(secret: string): boolean;
}

const same = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

function required(value: string | undefined, code: NasError['code']): string {
  if (value === undefined || value === '') throw new NasError(code);
  return value;
}

/**
 * The longest nonce kept: the SDKs send 32 to 64 characters (UUIDs, hex digests); a longer
 * one would only grow the nonce table, so it is refused before anything is looked up.
 */
export const MAX_NONCE_LENGTH = 128;

function nonceOf(value: string | undefined, code: NasError['code'], param: string): string {
  const nonce = required(value, code);
  if (nonce.length > MAX_NONCE_LENGTH) {
    throw new NasError('InvalidParameter', { param, reason: `The parameter ${param} must be at most ${MAX_NONCE_LENGTH} characters long.` });
  }
  return nonce;
}

/** V3: `Authorization: ACS3-HMAC-SHA256 ...` with x-acs-date, nonce and payload hash headers. */
function claimV3(request: NasRequest, authorization: string, now: number, sentHeaders: string[]): Claim {
  const auth = parseV3Authorization(authorization);
  const date = required(request.header('x-acs-date'), 'MissingParameter.x-acs-date');
  const nonce = nonceOf(request.header('x-acs-signature-nonce'), 'MissingParameter.x-acs-signature-nonce', 'x-acs-signature-nonce');
  const payloadHash = required(request.header('x-acs-content-sha256'), 'MissingParameter.x-acs-content-sha256');
  const time = checkRequestTime(date, 'x-acs-date', now);
  checkSignedHeaders(request, auth.signedHeaders, sentHeaders);
  if (!same(payloadHash.toLowerCase(), sha256Hex(request.body))) {
    throw new NasError('SignatureDoesNotMatch', { reason: 'x-acs-content-sha256 does not match the body.' });
  }
  const canonical = canonicalRequestV3(request, auth.signedHeaders, payloadHash);
  return { accessKeyId: auth.accessKeyId, nonce, time, verify: (secret) => same(signV3(secret, canonical), auth.signature) };
}

/** V2: AccessKeyId, Signature, SignatureMethod, SignatureVersion, SignatureNonce, Timestamp. */
function claimV2(request: NasRequest, params: NasParams, now: number): Claim {
  const accessKeyId = required(params.raw('AccessKeyId'), 'MissingParameter.AccessKeyId');
  const signature = required(params.raw('Signature'), 'MissingParameter.Signature');
  const method = required(params.raw('SignatureMethod'), 'MissingParameter.SignatureMethod');
  const version = required(params.raw('SignatureVersion'), 'MissingParameter.SignatureVersion');
  const nonce = nonceOf(params.raw('SignatureNonce'), 'MissingParameter.SignatureNonce', 'SignatureNonce');
  const timestamp = required(params.raw('Timestamp'), 'MissingParameter.Timestamp');
  if (method !== 'HMAC-SHA1') throw new NasError('IncompleteSignature', { reason: 'SignatureMethod must be HMAC-SHA1.' });
  if (version !== '1.0') throw new NasError('IncompleteSignature', { reason: 'SignatureVersion must be 1.0.' });
  const time = checkRequestTime(timestamp, 'Timestamp', now);
  const all = [...request.query, ...request.form];
  return { accessKeyId, nonce, time, verify: (secret) => same(signV2(secret, request.method, all), signature) };
}

/**
 * Checks the request's signature (V3 if it has an Authorization header, else V2) and
 * returns who signed it. Nothing is written unless the signature is good; then the nonce
 * is recorded in the database, where a second use of it fails on every node. The one
 * exception: an unknown key or a wrong signature counts as a failed sign-in against the
 * AccessKeyId and the client address, and while either has had too many in the window
 * the request is refused (Throttling.User, Throttling) before the key is looked up.
 */
export async function authenticate(
  salvage: Salvage,
  request: NasRequest,
  params: NasParams,
  client: { sentHeaders: string[]; address: string; readOnly: boolean },
): Promise<Actor> {
  const now = salvage.ctx.clock.now();
  const authorization = request.header('authorization');
  const claim = authorization ? claimV3(request, authorization, now, client.sentHeaders) : claimV2(request, params, now);
  const who = { accessKeyId: claim.accessKeyId, address: client.address };
  await salvage.users.checkSignInThrottle(who);
  const key = isId(claim.accessKeyId)
    ? await salvage.users.resolveAccessKey(claim.accessKeyId)
    : undefined;
  if (!key || !claim.verify(key.secret)) {
    await salvage.users.recordSignInFailure(who);
    throw new NasError(key ? 'SignatureDoesNotMatch' : 'InvalidAccessKeyId.NotFound');
  }
  const fresh = await salvage.users.acceptSignatureNonce({
    accessKeyId: claim.accessKeyId,
    nonce: claim.nonce,
    until: claim.time + SIGNATURE_WINDOW_MS,
    readOnly: client.readOnly,
  });
  if (!fresh) throw new NasError('SignatureNonceUsed');
  // Salvage's own clients do not speak NAS: every signed request is the NAS dialect's.
  return { ...salvage.users.actorOf(key.user), via: 'nas' };
}
