import type { BinAttribute } from '../../../core/recycle-bin/settings.js';
import type { Drive } from '../../../core/types.js';
import { isoOrNull } from './time.js';

/** A drive's recycle-bin settings, as /v1/drives/{id}/recyclebin reports them. */
export const renderBinSettings = (drive: Drive, attribute: BinAttribute) => ({
  driveId: drive.id,
  driveName: drive.name,
  enabled: attribute.enabled,
  // The drive keeps its last retention while the bin is off; the UI offers it when turning it on.
  reservedDays: drive.reservedDays,
  sizeBytes: attribute.size,
  enableTime: isoOrNull(attribute.enableTime),
  // The retention lock, set by an admin with PDS /v2/drive/update; null when there is none.
  recyclebinLock: drive.lock && { mode: drive.lock.mode, minRetentionDays: drive.lock.minDays },
});
