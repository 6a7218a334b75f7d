import { fields } from '../../fields.js';
import { userOperation } from '../../operation.js';
import { DOMAIN_ID, iso } from '../../render/time.js';
import { parsePartInfoList, renderPartUrls } from './part-info-list.js';

/** POST /v2/file/get_upload_url: fresh signed URLs for parts of an unfinished upload. */
export const getUploadUrl = userOperation({
  parse: (body) => ({
    driveId: fields.requiredId(body, 'drive_id'),
    fileId: fields.requiredId(body, 'file_id'),
    uploadId: fields.requiredId(body, 'upload_id'),
    parts: parsePartInfoList(body),
  }),
  run: ({ salvage, actor }, input) => salvage.uploads.reissueUrls(actor, input),
  render: (r, { baseUrl }) => ({
    status: 200,
    body: {
      domain_id: DOMAIN_ID,
      drive_id: r.driveId,
      file_id: r.fileId,
      upload_id: r.uploadId,
      created_at: iso(r.createdAt),
      // GetUploadUrlResponse (pds/main.tea) spells it create_at; both, same value.
      create_at: iso(r.createdAt),
      part_info_list: renderPartUrls(baseUrl, r.parts),
    },
  }),
});
