import { createHash, createHmac, randomUUID } from 'node:crypto';
import type { TestNode } from '../../support/node.js';
import { ADMIN_KEY_ID, ADMIN_KEY_SECRET } from './clients.js';

/**
 * Hand-signed NAS requests, for what no official client sends: broken, replayed, expired
 * or unsigned requests, XML answers, odd parameters. The signing here is written from the
 * vendor's description, independently of the server's code, so each checks the other.
 */
export interface RawRequest {
  action?: string;
  version?: string;
  method?: 'GET' | 'POST';
  /** Query parameters (besides Action and Version). */
  params?: Record<string, string>;
  /** Form-body parameters (POST). */
  form?: Record<string, string>;
  scheme?: 'v3' | 'v2' | 'none';
  keyId?: string;
  secret?: string;
  /** x-acs-date / Timestamp; now by default. */
  date?: string;
  nonce?: string;
  /** Extra headers, sent and (V3) signed. */
  headers?: Record<string, string>;
  /** Signed headers or V2 parameters to leave out of the request. */
  omit?: string[];
  /** Changes the request after signing (a tampered request). */
  afterSigning?: (r: { query: Record<string, string>; headers: Record<string, string> }) => void;
}

export interface RawAnswer {
  status: number;
  headers: Headers;
  text: string;
  /** The JSON body, or {} when it is not JSON. */
  json: Record<string, unknown>;
}

const enc = (s: string) =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
const sortedQuery = (q: Record<string, string>) =>
  Object.keys(q)
    .sort()
    .map((k) => `${enc(k)}=${enc(q[k]!)}`)
    .join('&');
export const isoNow = (offsetMs = 0) => new Date(Date.now() + offsetMs).toISOString().replace(/\.\d{3}Z$/, 'Z');

export async function rawNas(node: Pick<TestNode, 'url' | 'port'>, r: RawRequest): Promise<RawAnswer> {
  const method = r.method ?? 'GET';
  const scheme = r.scheme ?? 'v3';
  const keyId = r.keyId ?? ADMIN_KEY_ID;
  const secret = r.secret ?? ADMIN_KEY_SECRET;
  const date = r.date ?? isoNow();
  const nonce = r.nonce ?? randomUUID();
  const omit = new Set(r.omit ?? []);
  const query: Record<string, string> = { ...r.params };
  if (r.action !== undefined) query.Action = r.action;
  if (r.version !== '') query.Version = r.version ?? '2017-06-26';
  const body = r.form ? sortedQuery(r.form) : '';
  const headers: Record<string, string> = { ...r.headers };
  if (r.form) headers['content-type'] = 'application/x-www-form-urlencoded';

  if (scheme === 'v3') {
    const signed: Record<string, string> = {
      host: `127.0.0.1:${node.port}`,
      'x-acs-date': date,
      'x-acs-signature-nonce': nonce,
      'x-acs-content-sha256': createHash('sha256').update(body).digest('hex'),
      ...headers,
    };
    for (const h of omit) delete signed[h];
    const names = Object.keys(signed).sort();
    const canonical = [
      method,
      '/',
      sortedQuery(query),
      names.map((h) => `${h}:${signed[h]!.trim()}\n`).join(''),
      names.join(';'),
      signed['x-acs-content-sha256'] ?? createHash('sha256').update(body).digest('hex'),
    ].join('\n');
    const toSign = `ACS3-HMAC-SHA256\n${createHash('sha256').update(canonical).digest('hex')}`;
    const signature = createHmac('sha256', secret).update(toSign).digest('hex');
    Object.assign(headers, signed);
    delete headers.host;
    headers.authorization = `ACS3-HMAC-SHA256 Credential=${keyId},SignedHeaders=${names.join(';')},Signature=${signature}`;
  } else if (scheme === 'v2') {
    const all: Record<string, string> = {
      ...query,
      ...r.form,
      AccessKeyId: keyId,
      SignatureMethod: 'HMAC-SHA1',
      SignatureVersion: '1.0',
      SignatureNonce: nonce,
      Timestamp: date,
    };
    for (const p of omit) delete all[p];
    const toSign = `${method}&${enc('/')}&${enc(sortedQuery(all))}`;
    const signature = createHmac('sha1', `${secret}&`).update(toSign).digest('base64');
    // V2 parameters go in the query; the signature covers them and any form fields.
    for (const [k, v] of Object.entries(all)) if (!(r.form && k in r.form)) query[k] = v;
    if (!omit.has('Signature')) query.Signature = signature;
  }
  r.afterSigning?.({ query, headers });
  const qs = sortedQuery(query);
  const res = await fetch(`${node.url}/${qs ? `?${qs}` : ''}`, { method, headers, body: method === 'POST' ? body : undefined });
  const text = await res.text();
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // XML or empty: the caller reads `text`.
  }
  return { status: res.status, headers: res.headers, text, json };
}
