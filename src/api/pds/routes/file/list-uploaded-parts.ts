import { invalid } from '../../errors.js';
import { fields, type JsonObject } from '../../fields.js';
import { userOperation } from '../../operation.js';

/** PDS sends the marker as a string ("" for the start); a number is taken too. */
function partNumberMarker(body: JsonObject): number | undefined {
  const v: unknown = Object.hasOwn(body, 'part_number_marker') ? (body.part_number_marker ?? undefined) : undefined;
  if (v === undefined || v === '') return undefined;
  if (typeof v === 'number' && Number.isSafeInteger(v)) return v;
  if (typeof v === 'string' && /^[0-9]{1,5}$/.test(v)) return Number(v);
  throw invalid('part_number_marker', 'must be a part number');
}

/**
 * POST /v2/file/list_uploaded_parts: the parts an unfinished upload has received, in
 * part-number order; `next_part_number_marker` is "" on the last page.
 */
export const listUploadedParts = userOperation({
  parse: (body) => ({
    driveId: fields.requiredId(body, 'drive_id'),
    fileId: fields.requiredId(body, 'file_id'),
    uploadId: fields.requiredId(body, 'upload_id'),
    limit: fields.int(body, 'limit', { min: 1, max: 1000 }) ?? 1000,
    after: partNumberMarker(body),
  }),
  run: ({ salvage, actor }, input) => salvage.uploads.listParts(actor, input),
  render: (r) => ({
    status: 200,
    body: {
      file_id: r.fileId,
      upload_id: r.uploadId,
      uploaded_parts: r.parts.map((p) => ({ part_number: p.partNumber, part_size: p.size, etag: p.etag })),
      next_part_number_marker: r.nextAfter === undefined ? '' : String(r.nextAfter),
    },
  }),
});
