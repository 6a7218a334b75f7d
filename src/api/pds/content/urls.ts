import type { DownloadGrant } from '../../../core/auth/content-grants.js';
import type { UploadUrlGrant } from '../../../core/uploads/upload-url.js';

/**
 * Where signed content URLs live. They are served by this server under /v2/content, and
 * carry their credential in the query string (like OSS's signed URLs), so a client can
 * PUT or GET them without any header.
 */
export const UPLOAD_PATH = '/v2/content/upload';
export const DOWNLOAD_PATH = '/v2/content/download';

export const uploadUrl = (baseUrl: string, g: UploadUrlGrant): string =>
  `${baseUrl}${UPLOAD_PATH}/${g.uploadId}/${g.partNumber}?x-expires=${g.expiresAt}&x-signature=${g.signature}`;

export const downloadUrl = (baseUrl: string, g: DownloadGrant): string =>
  `${baseUrl}${DOWNLOAD_PATH}/${g.driveId}/${g.fileId}?x-user=${encodeURIComponent(g.userId)}&x-expires=${g.expiresAt}&x-signature=${g.signature}`;
