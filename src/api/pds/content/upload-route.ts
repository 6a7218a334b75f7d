import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Salvage } from '../../../core/salvage.js';
import type { UploadUrlGrant } from '../../../core/uploads/upload-url.js';
import { PdsError } from '../errors.js';

export interface UploadRoute {
  Params: { uploadId: string; partNumber: string };
  Querystring: Record<string, string | string[] | undefined>;
}

const refused = () => new PdsError(403, 'ForbiddenNoPermission', 'The upload URL is not valid.');

/** The URL's parts, if they have the shape this server signs; the core checks the signature. */
function grantOf(req: FastifyRequest<UploadRoute>): UploadUrlGrant {
  const { uploadId, partNumber } = req.params;
  const expires = req.query['x-expires'];
  const signature = req.query['x-signature'];
  if (!/^[0-9a-f]{32}$/.test(uploadId) || !/^[0-9]{1,5}$/.test(partNumber)) throw refused();
  if (typeof expires !== 'string' || !/^[0-9]{1,15}$/.test(expires)) throw refused();
  if (typeof signature !== 'string' || !/^[A-Za-z0-9_-]{43}$/.test(signature)) throw refused();
  return { uploadId, partNumber: Number(partNumber), expiresAt: Number(expires), signature };
}

/**
 * `PUT upload_url`: streams the body into the upload (never buffered whole) and answers
 * 200 with the content's SHA-1 as ETag. The URL is the credential: no other auth.
 */
export const uploadRoute = (salvage: Salvage) => async (req: FastifyRequest<UploadRoute>, reply: FastifyReply) => {
  const { etag } = await salvage.uploads.receive(grantOf(req), req.raw);
  return reply.code(200).header('etag', `"${etag}"`).send();
};
