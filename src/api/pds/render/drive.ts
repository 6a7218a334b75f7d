import type { Drive } from '../../../core/types.js';
import { DOMAIN_ID, iso } from './time.js';

export function renderDrive(d: Drive) {
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
    created_at: iso(d.createdAt),
    updated_at: iso(d.updatedAt),
  };
}
