import { request } from './http.js';
import type { PdsMember } from './types.js';

/** The member paths of a drive (docs/pds.md, "Members and roles"); the server checks every role. */
const call = <T>(path: string, body: Record<string, unknown>): Promise<T> => request<T>('POST', `/v2/drive/member${path}`, body);

export type MemberRole = 'viewer' | 'editor';

export const membersApi = {
  list: (driveId: string) => call<{ items: PdsMember[] }>('/list', { drive_id: driveId }),
  /** Adds a member, or changes the role of one (adding again sets the new role). */
  add: (driveId: string, userId: string, role: MemberRole) => call<PdsMember>('/add', { drive_id: driveId, user_id: userId, role }),
  /** The owner or an admin removes anyone; a member may remove themself (leave the drive). */
  remove: (driveId: string, userId: string) => call<void>('/remove', { drive_id: driveId, user_id: userId }),
};
