import type { CoreContext } from '../context.js';
import { signFields, verifyFields } from '../auth/secrets.js';

/** How long an upload URL works after /v2/file/create (PDS: one hour). */
export const UPLOAD_URL_TTL_MS = 3600_000;

/**
 * New URLs (GetUploadUrl) may keep an upload alive this long after it began, and no
 * longer: with the sweep's day of grace past the last URL's expiry, nothing an upload
 * received stays on disk more than eight days unless it is completed.
 */
export const UPLOAD_MAX_AGE_MS = 7 * 24 * 3600_000;

/** The parts of an upload URL that the signature covers; the dialect lays them out in its URL. */
export interface UploadUrlGrant {
  uploadId: string;
  partNumber: number;
  expiresAt: number;
  signature: string;
}

const fields = (g: Omit<UploadUrlGrant, 'signature'>) => [g.uploadId, String(g.partNumber), String(g.expiresAt)];

export async function signUploadUrl(ctx: CoreContext, g: Omit<UploadUrlGrant, 'signature'>): Promise<UploadUrlGrant> {
  return { ...g, signature: await signFields(ctx, 'upload', fields(g)) };
}

export const verifyUploadUrl = (ctx: CoreContext, g: UploadUrlGrant): Promise<boolean> =>
  verifyFields(ctx, 'upload', { fields: fields(g), signature: g.signature });
