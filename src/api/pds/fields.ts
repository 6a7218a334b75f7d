import { isId } from '../../core/ids.js';
import { isStorableText, STORABLE_TEXT_RULE } from '../../core/text.js';
import { isMediaType } from '../media-type.js';
import { invalid, missing, outOfRange, wrongFormat } from './errors.js';

/** A parsed JSON request body. */
export type JsonObject = Record<string, unknown>;

/** A field as sent: JSON null counts as absent, as PDS clients send null for "not set". */
const read = (body: JsonObject, field: string): unknown => (Object.hasOwn(body, field) ? (body[field] ?? undefined) : undefined);

/**
 * Typed readers for request fields. Each names the field in its error, with PDS's codes:
 * missing -> InvalidParameterMissing, wrong type -> InvalidParameter, out of its range ->
 * InvalidParameterOutOfRange, bad characters -> InvalidParameterWrongFormat.
 */
export const fields = {
  string(body: JsonObject, field: string, opts: { maxLength?: number } = {}): string | undefined {
    const v = read(body, field);
    if (v === undefined) return undefined;
    if (typeof v !== 'string') throw invalid(field, 'must be a string');
    // Every string field, whatever it is for: the same rule on both databases (core/text.ts).
    if (!isStorableText(v)) throw wrongFormat(field, `text must have ${STORABLE_TEXT_RULE}`);
    if (opts.maxLength !== undefined && v.length > opts.maxLength) throw outOfRange(field, `at most ${opts.maxLength} characters`);
    return v;
  },

  requiredString(body: JsonObject, field: string, opts: { maxLength?: number } = {}): string {
    const v = fields.string(body, field, opts);
    if (v === undefined || v === '') throw missing(field);
    return v;
  },

  /** An id: drive, file, upload or task ids are `[A-Za-z0-9._-]`, at most 128 characters. */
  id(body: JsonObject, field: string): string | undefined {
    const v = fields.string(body, field);
    if (v === undefined || v === '') return undefined;
    if (!isId(v)) throw wrongFormat(field, 'ids are 1-128 of [A-Za-z0-9._-]');
    return v;
  },

  requiredId(body: JsonObject, field: string): string {
    const v = fields.id(body, field);
    if (v === undefined) throw missing(field);
    return v;
  },

  int(body: JsonObject, field: string, range: { min: number; max: number }): number | undefined {
    const v = read(body, field);
    if (v === undefined) return undefined;
    if (typeof v !== 'number' || !Number.isSafeInteger(v)) throw invalid(field, 'must be an integer');
    if (v < range.min || v > range.max) throw outOfRange(field, `between ${range.min} and ${range.max}`);
    return v;
  },

  oneOf<T extends string>(body: JsonObject, field: string, values: readonly T[], opts: { ignoreCase?: boolean } = {}): T | undefined {
    const v = fields.string(body, field);
    if (v === undefined || v === '') return undefined;
    const found = values.find((x) => (opts.ignoreCase ? x.toLowerCase() === v.toLowerCase() : x === v));
    if (found === undefined) throw invalid(field, `must be one of ${values.join(', ')}`);
    return found;
  },

  requiredOneOf<T extends string>(body: JsonObject, field: string, values: readonly T[]): T {
    const v = fields.oneOf(body, field, values);
    if (v === undefined) throw missing(field);
    return v;
  },

  boolean(body: JsonObject, field: string): boolean | undefined {
    const v = read(body, field);
    if (v === undefined) return undefined;
    if (typeof v !== 'boolean') throw invalid(field, 'must be true or false');
    return v;
  },

  /** A media type (RFC 9110 section 8.3.1): `type/subtype` with optional `; name=value` parameters. */
  mediaType(body: JsonObject, field: string): string | undefined {
    const v = fields.string(body, field, { maxLength: 256 });
    if (v === undefined || v === '') return undefined;
    if (!isMediaType(v)) throw wrongFormat(field, 'must be a media type such as text/plain; charset=utf-8');
    return v;
  },

  /** The opaque paging marker; the core checks that it is one it issued. */
  marker(body: JsonObject): string | undefined {
    const v = fields.string(body, 'marker', { maxLength: 2048 });
    return v === '' ? undefined : v;
  },
};
