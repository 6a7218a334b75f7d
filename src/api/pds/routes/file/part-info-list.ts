import { MAX_PARTS, type PartRequest, type PartUrl } from '../../../../core/uploads/part-list.js';
import { uploadUrl } from '../../content/urls.js';
import { invalid, outOfRange } from '../../errors.js';
import type { JsonObject } from '../../fields.js';

/** Reads one integer of a part, naming it as `part_info_list[i].field` when it is wrong. */
function partInt(item: object, field: string, at: string, range: { min: number; max: number }): number | undefined {
  const v: unknown = Object.hasOwn(item, field) ? (item as Record<string, unknown>)[field] ?? undefined : undefined;
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isSafeInteger(v)) throw invalid(`${at}.${field}`, 'must be an integer');
  if (v < range.min || v > range.max) throw outOfRange(`${at}.${field}`, `between ${range.min} and ${range.max}`);
  return v;
}

/**
 * `part_info_list: [{part_number, part_size?}]` as PDS takes it: 1 to 10,000 parts,
 * numbered 1 to 10,000, each once. A part without `part_number` takes its position
 * (PDS SDKs always send it). Absent or empty: undefined (one part).
 */
export function parsePartInfoList(body: JsonObject): PartRequest[] | undefined {
  const list: unknown = Object.hasOwn(body, 'part_info_list') ? (body.part_info_list ?? undefined) : undefined;
  if (list === undefined) return undefined;
  if (!Array.isArray(list)) throw invalid('part_info_list', 'must be an array');
  if (list.length > MAX_PARTS) throw outOfRange('part_info_list', `at most ${MAX_PARTS} parts`);
  const seen = new Set<number>();
  const parts = list.map((item: unknown, i): PartRequest => {
    const at = `part_info_list[${i}]`;
    if (typeof item !== 'object' || item === null || Array.isArray(item)) throw invalid(at, 'must be an object');
    const partNumber = partInt(item, 'part_number', at, { min: 1, max: MAX_PARTS }) ?? i + 1;
    if (seen.has(partNumber)) throw invalid(`${at}.part_number`, `part ${partNumber} is named twice`);
    seen.add(partNumber);
    const partSize = partInt(item, 'part_size', at, { min: 0, max: Number.MAX_SAFE_INTEGER });
    return partSize === undefined ? { partNumber } : { partNumber, partSize };
  });
  return parts.length === 0 ? undefined : parts;
}

/** Signed part URLs as PDS answers them. */
export const renderPartUrls = (baseUrl: string, parts: readonly PartUrl[]) =>
  parts.map((p) => ({
    part_number: p.partNumber,
    ...(p.partSize !== undefined && { part_size: p.partSize }),
    upload_url: uploadUrl(baseUrl, p),
  }));
