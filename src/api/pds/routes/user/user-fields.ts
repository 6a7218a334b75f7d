import { fields, type JsonObject } from '../../fields.js';

/** The PDS names and limits of a user's fields (the SDK's CreateUserRequest/UpdateUserRequest). */
export const ROLES = ['admin', 'user'] as const;
export const STATUSES = ['enabled', 'disabled'] as const;

/** `password`, or `plain_password` as the SDK calls it; one of them. */
export function password(body: JsonObject): string | undefined {
  return fields.string(body, 'password', { maxLength: 1024 }) ?? fields.string(body, 'plain_password', { maxLength: 1024 });
}

export const nickName = (body: JsonObject) => fields.string(body, 'nick_name', { maxLength: 128 });
export const email = (body: JsonObject) => fields.string(body, 'email', { maxLength: 256 });
