import type { AccessKey, User } from '../../../core/types.js';
import { DOMAIN_ID } from './time.js';

/**
 * A user as the PDS SDK's BaseUserResponse has it. Its times are milliseconds since the
 * epoch (int64 `created_at`), unlike the ISO strings of drives and files.
 */
export const renderUser = (user: User) => ({
  domain_id: DOMAIN_ID,
  user_id: user.id,
  user_name: user.name,
  nick_name: user.nickName,
  email: user.email,
  role: user.isAdmin ? 'admin' : 'user',
  status: user.status,
  default_drive_id: user.defaultDriveId ?? '',
  created_at: user.createdAt,
});

/** An access key as listed: never its secret. Times in milliseconds, as for users. */
export const renderAccessKey = (key: AccessKey) => ({
  access_key_id: key.id,
  user_id: key.userId,
  status: key.status,
  created_at: key.createdAt,
  last_used_at: key.lastUsedAt,
});
