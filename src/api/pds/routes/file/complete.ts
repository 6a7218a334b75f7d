import { fields } from '../../fields.js';
import { userOperation } from '../../operation.js';
import { renderFile } from '../../render/file.js';

/** POST /v2/file/complete: the uploaded bytes become the file's content. */
export const completeFile = userOperation({
  parse: (body) => ({
    driveId: fields.requiredId(body, 'drive_id'),
    fileId: fields.requiredId(body, 'file_id'),
    uploadId: fields.requiredId(body, 'upload_id'),
  }),
  run: ({ salvage, actor }, input) => salvage.uploads.complete(actor, input),
  render: (entry) => ({ status: 200, body: renderFile(entry) }),
});
