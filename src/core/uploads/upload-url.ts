import type { CoreContext } from '../context.js';
import { signFields, verifyFields } from '../auth/secrets.js';

/** How long an upload URL works after /v2/file/create (PDS: one hour). */
export const UPLOAD_URL_TTL_MS = 3600_000;

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
