import type { FastifyRequest } from 'fastify';
import { NasError } from './errors.js';
import { NasParams } from './params.js';
import { isStorableText, STORABLE_TEXT_RULE } from '../../core/text.js';

/** One NAS request as the signature checks and the actions see it. */
export interface NasRequest {
  method: string;
  /** The path as sent (still percent-encoded), without the query. */
  path: string;
  /** Query pairs, decoded, in the order sent. */
  query: [string, string][];
  /** Form-body pairs, decoded (POST with application/x-www-form-urlencoded). */
  form: [string, string][];
  /** The body bytes exactly as received, for the V3 payload hash. */
  body: Buffer;
  header(name: string): string | undefined;
}

const pairs = (text: string): [string, string][] => [...new URLSearchParams(text)];

export function readNasRequest(req: FastifyRequest): NasRequest {
  const url = req.raw.url ?? '/';
  const q = url.indexOf('?');
  const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
  const isForm = (req.headers['content-type'] ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded');
  return {
    method: req.method,
    path: q === -1 ? url : url.slice(0, q),
    query: q === -1 ? [] : pairs(url.slice(q + 1)),
    form: isForm ? pairs(body.toString('utf8')) : [],
    body,
    header(name) {
      const value = req.headers[name];
      return Array.isArray(value) ? value.join(',') : value;
    },
  };
}

/**
 * The parameters of the request: query and form together. A name given twice is refused,
 * so the value a handler reads is always the one the signature covered.
 */
export function paramsOf(request: NasRequest): NasParams {
  const values = new Map<string, string>();
  for (const [name, value] of [...request.query, ...request.form]) {
    if (values.has(name)) {
      throw new NasError('InvalidParameter', { param: name, reason: `The parameter ${name} is given more than once.` });
    }
    // Every value, whatever it is for: the same rule on both databases (core/text.ts).
    if (!isStorableText(value) || !isStorableText(name)) {
      throw new NasError('InvalidParameter', { param: name, reason: `The parameter ${name} must be text with ${STORABLE_TEXT_RULE}.` });
    }
    values.set(name, value);
  }
  return new NasParams(values);
}

/** The first value of a parameter, without the checks of `paramsOf` (for choosing a format). */
export const firstParam = (request: NasRequest, name: string): string | undefined =>
  [...request.query, ...request.form].find(([n]) => n === name)?.[1];
