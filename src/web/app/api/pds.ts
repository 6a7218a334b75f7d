import { ApiError, request } from './http.js';
import type { LockMode, PdsCreated, PdsDrive, PdsFile, PdsPage, PdsTaskAnswer } from './types.js';

/** PDS (`POST /v2/...`) with the session cookie and CSRF header, SPEC section 4. */
const call = <T>(path: string, body: Record<string, unknown>): Promise<T> => request<T>('POST', `/v2${path}`, body);

/**
 * A taken name must fail. Salvage answers `ignore` with 409 AlreadyExist.File (names are
 * unique among siblings); should a server answer the existing entry instead (`exist`,
 * as PDS does for `refuse`), the UI refuses all the same.
 */
async function refuseTaken(created: Promise<PdsCreated>, name: string): Promise<PdsCreated> {
  const answer = await created;
  if (answer.exist) throw new ApiError(409, 'AlreadyExist.File', `"${name}" is taken; choose another name.`);
  return answer;
}

export const pds = {
  listDrives: (marker = '') => call<PdsPage<PdsDrive>>('/drive/list', { limit: 100, marker }),
  getDrive: (driveId: string) => call<PdsDrive>('/drive/get', { drive_id: driveId }),
  /** owner and total_size are an admin's to set (docs/pds.md, "Quotas and drive counts"). */
  createDrive: (name: string, opts: { owner?: string; totalSize?: number } = {}) =>
    call<{ drive_id: string }>('/drive/create', {
      drive_name: name,
      ...(opts.owner && { owner: opts.owner }),
      ...(opts.totalSize !== undefined && { total_size: opts.totalSize }),
    }),
  /** Admins only: sets, lengthens or (not under compliance) removes the bin's retention lock. */
  setLock: (driveId: string, mode: LockMode | 'none', days: number) =>
    call<PdsDrive>('/drive/update', {
      drive_id: driveId,
      recyclebin_lock: mode === 'none' ? { mode } : { mode, min_retention_days: days },
    }),
  listFolder: (driveId: string, parentId: string, marker: string, orderBy: string, direction: string, type?: 'file' | 'folder', limit = 100) =>
    call<PdsPage<PdsFile>>('/file/list', {
      drive_id: driveId,
      parent_file_id: parentId,
      limit,
      marker,
      order_by: orderBy,
      order_direction: direction,
      ...(type && { type }),
    }),
  /** The folder of this name in the parent, made if missing (check_name_mode refuse answers the existing one). */
  folderNamed: (driveId: string, parentId: string, name: string) =>
    call<PdsCreated>('/file/create', { drive_id: driveId, parent_file_id: parentId, name, type: 'folder', check_name_mode: 'refuse' }),
  getByPath: (driveId: string, path: string) => call<PdsFile>('/file/get_by_path', { drive_id: driveId, file_path: path }),
  getFile: (driveId: string, fileId: string) => call<PdsFile>('/file/get', { drive_id: driveId, file_id: fileId }),
  createFolder: (driveId: string, parentId: string, name: string) =>
    refuseTaken(call<PdsCreated>('/file/create', { drive_id: driveId, parent_file_id: parentId, name, type: 'folder', check_name_mode: 'ignore' }), name),
  beginUpload: (driveId: string, parentId: string, name: string, size: number, contentType: string) =>
    refuseTaken(call<PdsCreated>('/file/create', {
      drive_id: driveId,
      parent_file_id: parentId,
      name,
      type: 'file',
      size,
      content_type: contentType || 'application/octet-stream',
      check_name_mode: 'ignore',
    }), name),
  completeUpload: (driveId: string, fileId: string, uploadId: string) =>
    call<PdsFile>('/file/complete', { drive_id: driveId, file_id: fileId, upload_id: uploadId }),
  rename: (driveId: string, fileId: string, name: string) =>
    call<PdsFile>('/file/update', { drive_id: driveId, file_id: fileId, name, check_name_mode: 'refuse' }),
  downloadUrl: (driveId: string, fileId: string) =>
    call<{ url: string }>('/file/get_download_url', { drive_id: driveId, file_id: fileId, expire_sec: 900 }),
  trash: (driveId: string, fileId: string, eventId?: string) =>
    call<PdsTaskAnswer>('/recyclebin/trash', { drive_id: driveId, file_id: fileId, ...(eventId && { deletion_event_id: eventId }) }),
  /**
   * Up to 100 trashes in one /v2/batch; all join `eventId` when given, else the batch's own
   * event (the answer's), so several batches make one deletion to undo.
   */
  trashMany: (driveId: string, fileIds: string[], eventId?: string) =>
    call<{ responses: { id: string; status: number; body?: { deletion_event_id?: string; code?: string; message?: string } }[] }>('/batch', {
      resource: 'file',
      requests: fileIds.map((id) => ({
        id,
        method: 'POST',
        url: '/recyclebin/trash',
        body: { drive_id: driveId, file_id: id, ...(eventId && { deletion_event_id: eventId }) },
      })),
    }),
  /** How many entries a folder holds (one indexed count; docs/pds.md, return_total_count). */
  countChildren: async (driveId: string, folderId: string): Promise<number> =>
    (
      await call<PdsPage<PdsFile> & { total_count?: number }>('/file/search', {
        drive_id: driveId,
        query: `parent_file_id = "${folderId.replace(/["\\]/g, '\\$&')}"`,
        limit: 1,
        return_total_count: true,
      })
    ).total_count ?? 0,
  listBin: (driveId: string, marker: string, limit = 50) =>
    call<PdsPage<PdsFile>>('/recyclebin/list', { drive_id: driveId, marker, limit }),
  /** Inside a trashed folder: the bin listing with `parent_file_id` (file/list shows only live folders). */
  listInsideBin: (driveId: string, folderId: string, marker: string, limit = 50) =>
    call<PdsPage<PdsFile>>('/recyclebin/list', { drive_id: driveId, parent_file_id: folderId, marker, limit, order_by: 'name', order_direction: 'ASC' }),
  /** The bin's search on the server (docs/pds.md, "The bin's search"): `query` as bin-query.ts builds it. */
  searchBin: (driveId: string, search: { query: string; orderBy: string; includeSubfolders?: boolean }, marker: string, limit = 100) =>
    call<PdsPage<PdsFile>>('/recyclebin/search_all', {
      drive_id: driveId,
      query: search.query,
      order_by: search.orderBy,
      include_subfolders: search.includeSubfolders ?? false,
      marker,
      limit,
    }),
  /** Puts back every item of one deletion event (one trash, or one multi-select), as one job. */
  restoreEvent: (driveId: string, deletionEventId: string) =>
    call<PdsTaskAnswer>('/recyclebin/restore_all', { drive_id: driveId, deletion_event_id: deletionEventId }),
  restore: (driveId: string, fileId: string) => call<PdsTaskAnswer>('/recyclebin/restore', { drive_id: driveId, file_id: fileId }),
  deleteForever: (driveId: string, fileId: string) => call<PdsTaskAnswer>('/file/delete', { drive_id: driveId, file_id: fileId }),
  clearBin: (driveId: string) => call<PdsTaskAnswer>('/recyclebin/clear', { drive_id: driveId }),
};
