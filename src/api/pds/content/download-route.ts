import type { FastifyReply, FastifyRequest } from 'fastify';
import type { DownloadGrant } from '../../../core/auth/content-grants.js';
import { isId } from '../../../core/ids.js';
import type { Salvage } from '../../../core/salvage.js';
import { PdsError } from '../errors.js';
import { parseRange } from './range.js';
import { isMediaType } from '../../media-type.js';

export interface DownloadRoute {
  Params: { driveId: string; fileId: string };
  Querystring: Record<string, string | string[] | undefined>;
}

const refused = () => new PdsError(403, 'ForbiddenNoPermission', 'The download URL is not valid.');

function grantOf(req: FastifyRequest<DownloadRoute>): DownloadGrant {
  const { driveId, fileId } = req.params;
  const userId = req.query['x-user'];
  const expires = req.query['x-expires'];
  const signature = req.query['x-signature'];
  if (!isId(driveId) || !isId(fileId) || typeof userId !== 'string' || !isId(userId)) throw refused();
  if (typeof expires !== 'string' || !/^[0-9]{1,15}$/.test(expires)) throw refused();
  if (typeof signature !== 'string' || !/^[A-Za-z0-9_-]{43}$/.test(signature)) throw refused();
  return { userId, driveId, fileId, expiresAt: Number(expires), signature };
}

/**
 * `GET url` from get_download_url: the file's bytes, streamed, whole (200) or one range
 * (206 with Content-Range); 416 for a range that names no byte of the file.
 */
export const downloadRoute = (salvage: Salvage) => async (req: FastifyRequest<DownloadRoute>, reply: FastifyReply) => {
  const grant = grantOf(req);
  const actor = await salvage.auth.actorOfDownload(grant);
  const entry = await salvage.entries.get(actor, { driveId: grant.driveId, fileId: grant.fileId });
  const range = parseRange(typeof req.headers.range === 'string' ? req.headers.range : undefined, entry.size);
  if (range.kind === 'unsatisfiable') {
    return reply
      .code(416)
      .header('content-range', `bytes */${entry.size}`)
      .send({ code: 'InvalidRange', message: `The Range header names no byte of this ${entry.size}-byte file.` });
  }
  const part = range.kind === 'part' ? { start: range.start, end: range.end } : undefined;
  // Opening checks again that the file is live and complete (openContent refuses otherwise).
  const { stream } = await salvage.entries.openContent(actor, { driveId: grant.driveId, fileId: grant.fileId, range: part });
  reply
    .code(part ? 206 : 200)
    // Files stored before content_type was checked may hold one no header can carry.
    .header('content-type', isMediaType(entry.contentType) ? entry.contentType : 'application/octet-stream')
    .header('content-length', part ? part.end - part.start + 1 : entry.size)
    .header('accept-ranges', 'bytes')
    .header('etag', `"${entry.contentHash}"`)
    .header('last-modified', new Date(entry.updatedAt).toUTCString())
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(entry.name)}`);
  if (part) reply.header('content-range', `bytes ${part.start}-${part.end}/${entry.size}`);
  if (req.method === 'HEAD') {
    stream.destroy();
    return reply.send();
  }
  return reply.send(stream);
};
