import type { SeenDrive } from '../../../core/types.js';
import { DOMAIN_ID, iso } from './time.js';

/**
 * A drive, with the caller's `role` on it and its bin's `recyclebin_lock` (Salvage
 * additions: owner, editor or viewer; `{mode, min_retention_days}` or null).
 */
export function renderDrive(d: SeenDrive) {
  return {
    domain_id: DOMAIN_ID,
    drive_id: d.id,
    drive_name: d.name,
    drive_type: 'normal',
    owner: d.ownerId,
    owner_type: 'user',
    description: d.description,
    total_size: d.totalSize,
    used_size: d.usedSize,
    status: d.status,
    role: d.role,
    recyclebin_lock: d.lock && { mode: d.lock.mode, min_retention_days: d.lock.minDays },
    created_at: iso(d.createdAt),
    updated_at: iso(d.updatedAt),
  };
}
