import { isId } from '../../core/ids.js';
import { isStorableText, STORABLE_TEXT_RULE } from '../../core/text.js';
import { malformed } from './errors.js';

export const INT32_MAX = 2_147_483_647;

export type JsonObject = Record<string, unknown>;

export function objectBody(body: unknown): JsonObject {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw malformed('body', 'must be a JSON object');
  return body as JsonObject;
}

/** `{"jobId": {"id": <int32>}}`: anything else is a malformed body (400), never a 404. */
export function jobIdOfBody(body: unknown): number {
  const jobId = objectBody(body).jobId;
  if (typeof jobId !== 'object' || jobId === null || Array.isArray(jobId)) throw malformed('jobId', 'must be an object {"id": <int32>}');
  const id = (jobId as JsonObject).id;
  if (id === undefined) throw malformed('jobId.id', 'is required');
  if (typeof id !== 'number' || !Number.isInteger(id) || id < -INT32_MAX - 1 || id > INT32_MAX) {
    throw malformed('jobId.id', 'must be an int32');
  }
  return id;
}

/** A job id in a path: a decimal int32; anything else names no job. */
export function jobIdOfPath(text: string | undefined): number | undefined {
  if (text === undefined || !/^-?[0-9]{1,10}$/.test(text)) return undefined;
  const n = Number(text);
  return n > INT32_MAX || n < -INT32_MAX - 1 ? undefined : n;
}

/** A drive id in a path or query parameter: the id rule, or a malformed request. */
export function driveIdOf(text: string | undefined, name: string): string {
  if (text === undefined || text === '') throw malformed(name, 'is required');
  if (!isId(text)) throw malformed(name, 'must be 1-128 of [A-Za-z0-9._-]');
  return text;
}

/** An integer query parameter within [min, max]; undefined when absent. */
export function queryInt(query: Record<string, string | undefined>, name: string, min: number, max: number): number | undefined {
  const text = query[name];
  if (text === undefined || text === '') return undefined;
  if (!/^[0-9]{1,10}$/.test(text) || Number(text) < min || Number(text) > max) {
    throw malformed(name, `must be an integer from ${min} to ${max}`);
  }
  return Number(text);
}

export function requiredString(obj: JsonObject, name: string, maxLength: number): string {
  const v = obj[name];
  if (v === undefined || v === null || v === '') throw malformed(name, 'is required');
  if (typeof v !== 'string') throw malformed(name, 'must be a string');
  if (!isStorableText(v)) throw malformed(name, `must be text with ${STORABLE_TEXT_RULE}`);
  if (v.length > maxLength) throw malformed(name, `must be at most ${maxLength} characters`);
  return v;
}
