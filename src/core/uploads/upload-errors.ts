import { DomainError } from '../errors.js';

/** The bytes received differ from the size announced at create (PDS: InvalidParameterNotMatch). */
export const sizeMismatch = (declared: number): DomainError =>
  new DomainError('UploadMismatch', `The content does not match the declared size of ${declared} bytes.`, { param: 'size' });

/** The upload is past the step asked for: its URL was used, or it has no content yet (a state conflict). */
export const uploadNotOpen = (uploadId: string, why: string): DomainError =>
  new DomainError('UploadMismatch', `The upload ${uploadId} ${why}.`, { id: uploadId });

/** The URL is not one this server signed, or it has expired. */
export const uploadUrlRefused = (why: string): DomainError => new DomainError('Forbidden', `The upload URL ${why}.`);

/** The client stopped sending before the body ended; nothing was kept. */
export const uploadCutOff = (): DomainError =>
  new DomainError('InvalidParameter', 'The upload body was cut off before its end.', { param: 'body' });

/** Complete of a multipart upload before every part 1..N came (PDS: InvalidParameterNotMatch). */
export const partsMissing = (missing: number[]): DomainError =>
  new DomainError(
    'UploadMismatch',
    `The uploaded parts do not match part_info_list: part ${missing.slice(0, 10).join(', ')}${missing.length > 10 ? ', ...' : ''} not uploaded.`,
    { param: 'part_info_list' },
  );

/** A part was PUT again while complete was joining the parts: the client raced itself. */
export const partsChanged = (uploadId: string): DomainError =>
  new DomainError('UploadMismatch', `The upload ${uploadId} received a part while completing; complete it again.`, { id: uploadId });
