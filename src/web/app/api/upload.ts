import { ApiError } from './http.js';
import { pds } from './pds.js';

/**
 * PUT of the bytes to the signed upload URL, by XMLHttpRequest because fetch reports no
 * upload progress.
 */
function put(url: string, file: File, onProgress: (sent: number) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', url);
    xhr.upload.onprogress = (e) => onProgress(e.loaded);
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) return resolve();
      let code = `HTTP${xhr.status}`;
      let message = 'The upload was refused.';
      try {
        const body = JSON.parse(xhr.responseText) as { code?: string; message?: string };
        code = body.code ?? code;
        message = body.message ?? message;
      } catch {
        // Keep the generic message.
      }
      reject(new ApiError(xhr.status, code, message));
    };
    xhr.onerror = () => reject(new ApiError(0, 'NetworkError', 'The upload was interrupted. Check your connection and try again.'));
    xhr.send(file);
  });
}

/** PDS's upload flow: create (reserves the name, checks quota) -> PUT upload_url -> complete. */
export async function uploadFile(driveId: string, parentId: string, file: File, onProgress: (sent: number) => void): Promise<void> {
  const created = await pds.beginUpload(driveId, parentId, file.name, file.size, file.type);
  const part = created.part_info_list?.[0];
  if (!created.upload_id || !part) throw new ApiError(500, 'UploadUnavailable', 'The server gave no upload URL.');
  await put(part.upload_url, file, onProgress);
  await pds.completeUpload(driveId, created.file_id, created.upload_id);
  onProgress(file.size);
}
