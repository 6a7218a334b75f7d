import type { CoreContext } from '../context.js';
import { invalidInput } from '../errors.js';
import { signUploadUrl, type UploadUrlGrant } from './upload-url.js';

/** OSS's limit, which PDS inherits: parts are numbered 1 to 10,000. */
export const MAX_PARTS = 10_000;

/** A part a client asks a URL for; `partSize` is what it announced, echoed back, not enforced. */
export interface PartRequest {
  partNumber: number;
  partSize?: number;
}

export type PartUrl = UploadUrlGrant & { partSize?: number };

/** The parts asked for, checked: 1..10,000, each at most once, at least one. */
export function checkParts(parts: readonly PartRequest[] | undefined): readonly PartRequest[] {
  if (parts === undefined || parts.length === 0) return [{ partNumber: 1 }];
  if (parts.length > MAX_PARTS) throw invalidInput('parts', `may name at most ${MAX_PARTS} parts`, { max: MAX_PARTS });
  const seen = new Set<number>();
  for (const p of parts) {
    if (!Number.isSafeInteger(p.partNumber) || p.partNumber < 1 || p.partNumber > MAX_PARTS) {
      throw invalidInput('parts', `must number parts from 1 to ${MAX_PARTS}`, { min: 1, max: MAX_PARTS });
    }
    if (seen.has(p.partNumber)) throw invalidInput('parts', `names part ${p.partNumber} twice`);
    seen.add(p.partNumber);
  }
  return parts;
}

export const highestPart = (parts: readonly PartRequest[]): number => Math.max(...parts.map((p) => p.partNumber));

/** One signed URL per part, in the order asked. */
export function signPartUrls(
  ctx: CoreContext,
  upload: { uploadId: string; parts: readonly PartRequest[]; expiresAt: number },
): Promise<PartUrl[]> {
  const { uploadId, parts, expiresAt } = upload;
  return Promise.all(
    parts.map(async (p) => ({
      ...(await signUploadUrl(ctx, { uploadId, partNumber: p.partNumber, expiresAt })),
      ...(p.partSize !== undefined && { partSize: p.partSize }),
    })),
  );
}
