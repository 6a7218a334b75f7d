import { request } from './http.js';
import type { PdsAccessKey, PdsNewAccessKey, PdsPage, PdsUser } from './types.js';

/**
 * The PDS user and access-key paths (docs/pds.md, Users) with the session cookie and CSRF
 * header, as every PDS call of the UI. The server decides who may do what; the UI only
 * hides what would be refused.
 */
const call = <T>(path: string, body: Record<string, unknown>): Promise<T> => request<T>('POST', `/v2/user${path}`, body);

export type Role = PdsUser['role'];
export type Status = PdsUser['status'];

export interface NewUser {
  user_name: string;
  nick_name?: string;
  role: Role;
  password?: string;
}

/** What happens to the drives of a deleted user: handed to another user, or deleted with them. */
export type DrivePolicy = { drive_policy: 'transfer'; transfer_to_user_id: string } | { drive_policy: 'delete' };

export const usersApi = {
  list: (marker: string, limit = 50) => call<PdsPage<PdsUser>>('/list', { marker, limit }),
  get: (userId: string) => call<PdsUser>('/get', { user_id: userId }),
  create: (user: NewUser) => call<PdsUser>('/create', { ...user }),
  setStatus: (userId: string, status: Status) => call<PdsUser>('/update', { user_id: userId, status }),
  /** An admin sets someone else's password; no old one is needed. */
  resetPassword: (userId: string, password: string) => call<PdsUser>('/update', { user_id: userId, password }),
  /** One's own password: the server wants the current one too. */
  changeOwnPassword: (userId: string, oldPassword: string, password: string) =>
    call<PdsUser>('/update', { user_id: userId, old_password: oldPassword, password }),
  setNickName: (userId: string, nickName: string) => call<PdsUser>('/update', { user_id: userId, nick_name: nickName }),
  remove: (userId: string, drives: DrivePolicy) => call<void>('/delete', { user_id: userId, ...drives }),

  createKey: (userId: string) => call<PdsNewAccessKey>('/access_key/create', { user_id: userId }),
  listKeys: (userId: string) => call<PdsPage<PdsAccessKey>>('/access_key/list', { user_id: userId }),
  setKeyStatus: (accessKeyId: string, status: Status) => call<PdsAccessKey>('/access_key/update', { access_key_id: accessKeyId, status }),
  removeKey: (accessKeyId: string) => call<void>('/access_key/delete', { access_key_id: accessKeyId }),
};
