import { fields } from '../../fields.js';
import { downloadUrl } from '../../content/urls.js';
import { userOperation } from '../../operation.js';
import { iso } from '../../render/time.js';

/** POST /v2/file/get_download_url: a signed URL on this server; `GET url` streams the bytes. */
export const getDownloadUrl = userOperation({
  parse: (body) => ({
    driveId: fields.requiredId(body, 'drive_id'),
    fileId: fields.requiredId(body, 'file_id'),
    expireSec: fields.int(body, 'expire_sec', { min: 1, max: 115_200 }) ?? 900,
  }),
  run: ({ salvage, actor }, input) => salvage.auth.grantDownload(actor, input),
  render: ({ grant, entry }, { baseUrl }) => ({
    status: 200,
    body: {
      url: downloadUrl(baseUrl, grant),
      internal_url: downloadUrl(baseUrl, grant),
      expiration: iso(grant.expiresAt),
      size: entry.size,
      content_hash: entry.contentHash,
      content_hash_name: 'sha1',
    },
  }),
});
