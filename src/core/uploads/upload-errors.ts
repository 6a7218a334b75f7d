import { DomainError } from '../errors.js';

/** The bytes received differ from the size announced at create (PDS: InvalidParameterNotMatch). */
export const sizeMismatch = (declared: number): DomainError =>
  new DomainError('UploadMismatch', `the content does not match the declared size of ${declared} bytes`, {
    field: 'size',
    reason: `does not match the content received (${declared} bytes declared)`,
  });

/**
 * Reasons here without a field are whole clauses ("the upload ... has been completed"): a
 * dialect makes them a sentence. With a field, they complete the field's name.
 */

/** The upload is past the step asked for: its URL was used, or it has no content yet (a state conflict). */
export const uploadNotOpen = (uploadId: string, why: string): DomainError =>
  new DomainError('UploadMismatch', `upload ${uploadId} ${why}`, { id: uploadId, reason: `the upload ${uploadId} ${why}` });

/** The URL is not one this server signed, or it has expired. */
export const uploadUrlRefused = (why: string): DomainError => new DomainError('Forbidden', `the upload URL ${why}`, { reason: `the upload URL ${why}` });

/** The client stopped sending before the body ended; nothing was kept. */
export const uploadCutOff = (): DomainError =>
  new DomainError('InvalidParameter', 'the upload body was cut off before its end', { field: 'content', reason: 'was cut off before its end' });

/** Complete of a multipart upload before every part 1..N came (PDS: InvalidParameterNotMatch). */
export const partsMissing = (missing: number[]): DomainError =>
  new DomainError('UploadMismatch', `parts ${missing.slice(0, 10).join(', ')}${missing.length > 10 ? ', ...' : ''} not uploaded`, {
    field: 'parts',
    missingParts: missing.slice(0, 10),
    reason: `part ${missing.slice(0, 10).join(', ')}${missing.length > 10 ? ', ...' : ''} not uploaded`,
  });

/** A part was PUT again while complete was joining the parts: the client raced itself. */
export const partsChanged = (uploadId: string): DomainError =>
  new DomainError('UploadMismatch', `upload ${uploadId} received a part while completing; complete it again`, {
    id: uploadId,
    reason: `the upload ${uploadId} received a part while completing; complete it again`,
  });
