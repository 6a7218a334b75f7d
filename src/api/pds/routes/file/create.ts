import { invalid } from '../../errors.js';
import { fields, type JsonObject } from '../../fields.js';
import { parsePartInfoList, renderPartUrls } from './part-info-list.js';
import { userOperation } from '../../operation.js';
import { DOMAIN_ID } from '../../render/time.js';
import type { Entry } from '../../../../core/types.js';

const CHECK_NAME_MODES = ['ignore', 'auto_rename', 'refuse'] as const;
type CheckNameMode = (typeof CHECK_NAME_MODES)[number];

/**
 * CreateFileRequest has both `check_name_mode` and `auto_rename` (pds/main.tea); the JS
 * SDK sends `auto_rename: true` alone. `auto_rename: true` is check_name_mode auto_rename;
 * with another check_name_mode beside it the request contradicts itself and is refused.
 */
function checkNameMode(body: JsonObject): CheckNameMode {
  const mode = fields.oneOf(body, 'check_name_mode', CHECK_NAME_MODES);
  const autoRename = fields.boolean(body, 'auto_rename');
  if (autoRename !== true) return mode ?? 'ignore';
  if (mode !== undefined && mode !== 'auto_rename') throw invalid('auto_rename', `true contradicts check_name_mode ${mode}`);
  return 'auto_rename';
}

/**
 * POST /v2/file/create: a folder at once, or a file in `uploading` state with one signed
 * URL per part to PUT its bytes to, then /v2/file/complete.
 */
export const createFile = userOperation({
  parse(body) {
    const type = fields.requiredOneOf(body, 'type', ['file', 'folder'] as const);
    return {
      type,
      driveId: fields.requiredId(body, 'drive_id'),
      parentId: fields.id(body, 'parent_file_id') ?? 'root',
      name: fields.requiredString(body, 'name'),
      checkNameMode: checkNameMode(body),
      size: fields.int(body, 'size', { min: 0, max: Number.MAX_SAFE_INTEGER }),
      contentType: fields.mediaType(body, 'content_type'),
      parts: type === 'file' ? parsePartInfoList(body) : undefined,
    };
  },
  async run({ salvage, actor }, input) {
    const where = { driveId: input.driveId, parentId: input.parentId, name: input.name, checkNameMode: input.checkNameMode };
    if (input.type === 'folder') return { ...(await salvage.entries.createFolder(actor, where)), upload: undefined };
    const begun = await salvage.uploads.begin(actor, { ...where, size: input.size, contentType: input.contentType, parts: input.parts });
    return begun.exist ? { entry: begun.entry, exist: true, upload: undefined } : { entry: begun.entry, exist: false, upload: begun };
  },
  render({ entry, exist, upload }, { baseUrl }) {
    return {
      status: 201,
      body: {
        ...created(entry, exist),
        ...(upload && {
          upload_id: upload.uploadId,
          rapid_upload: false,
          part_info_list: renderPartUrls(baseUrl, upload.parts),
        }),
      },
    };
  },
});

const created = (e: Entry, exist: boolean) => ({
  domain_id: DOMAIN_ID,
  drive_id: e.driveId,
  file_id: e.id,
  file_name: e.name,
  parent_file_id: e.parentId ?? '',
  type: e.type,
  status: e.status,
  exist,
});
