import type { PdsOperation } from './operation.js';
import { batchOperation, type BodyCheckTable, type OperationTable } from './routes/batch/batch.js';
import { revoke } from './routes/account/revoke.js';
import { token } from './routes/account/token.js';
import { getAsyncTask } from './routes/async-task/get.js';
import { createDrive } from './routes/drive/create.js';
import { deleteDrive } from './routes/drive/delete.js';
import { getDrive } from './routes/drive/get.js';
import { listDrives } from './routes/drive/list.js';
import { updateDrive } from './routes/drive/update.js';
import { completeFile } from './routes/file/complete.js';
import { createFile } from './routes/file/create.js';
import { deleteFile } from './routes/file/delete.js';
import { getFile } from './routes/file/get.js';
import { getFileByPath } from './routes/file/get-by-path.js';
import { moveFile } from './routes/file/move.js';
import { copyFile } from './routes/file/copy.js';
import { getDownloadUrl } from './routes/file/get-download-url.js';
import { getUploadUrl } from './routes/file/get-upload-url.js';
import { listFiles } from './routes/file/list.js';
import { listUploadedParts } from './routes/file/list-uploaded-parts.js';
import { searchFiles } from './routes/file/search.js';
import { updateFile } from './routes/file/update.js';
import { deleteAll, restoreAll } from './routes/recyclebin/bulk.js';
import { clearRecycleBin } from './routes/recyclebin/clear.js';
import { listRecycleBin } from './routes/recyclebin/list.js';
import { restoreFile } from './routes/recyclebin/restore.js';
import { searchRecycleBin } from './routes/recyclebin/search-all.js';
import { trashFile } from './routes/recyclebin/trash.js';
import { USER_OPERATIONS } from './user-operations.js';
import { type CompiledBodyChecks, compileBodyChecks } from './request-schemas.js';

/** Every `POST /v2/...` path of SPEC section 4 and the operation that serves it. */
export const PDS_OPERATIONS = {
  '/v2/account/token': token,
  '/v2/account/revoke': revoke,
  '/v2/drive/create': createDrive,
  '/v2/drive/get': getDrive,
  '/v2/drive/list': listDrives,
  '/v2/drive/update': updateDrive,
  '/v2/drive/delete': deleteDrive,
  '/v2/file/create': createFile,
  '/v2/file/complete': completeFile,
  '/v2/file/get_upload_url': getUploadUrl,
  '/v2/file/list_uploaded_parts': listUploadedParts,
  '/v2/file/get': getFile,
  '/v2/file/list': listFiles,
  '/v2/file/search': searchFiles,
  '/v2/file/update': updateFile,
  '/v2/file/get_download_url': getDownloadUrl,
  '/v2/file/delete': deleteFile,
  '/v2/recyclebin/trash': trashFile,
  '/v2/recyclebin/list': listRecycleBin,
  '/v2/recyclebin/restore': restoreFile,
  '/v2/recyclebin/clear': clearRecycleBin,
  '/v2/async_task/get': getAsyncTask,
  // Paths the official SDKs call besides those of SPEC section 4 (issue 11).
  '/v2/file/get_by_path': getFileByPath,
  '/v2/file/move': moveFile,
  '/v2/file/copy': copyFile,
  '/v2/recyclebin/search_all': searchRecycleBin,
  '/v2/recyclebin/restore_all': restoreAll,
  '/v2/recyclebin/delete_all': deleteAll,
  // Sub-requests go through this very table, so each is served as if sent alone.
  '/v2/batch': batchOperation((): OperationTable => PDS_OPERATIONS, (): BodyCheckTable => pdsBodyChecks().checks),
  ...USER_OPERATIONS,
} as const satisfies Record<`/v2/${string}`, PdsOperation>;

export type PdsPath = keyof typeof PDS_OPERATIONS;

let compiled: CompiledBodyChecks | undefined;

/**
 * The body check of every operation, compiled on first use: when the PDS scope registers
 * its routes, at start-up. The pipeline and /v2/batch's sub-requests share them.
 */
export const pdsBodyChecks = (): CompiledBodyChecks => (compiled ??= compileBodyChecks(PDS_OPERATIONS));
