import type { PdsOperation } from './operation.js';
import { addMember } from './routes/drive/member/add.js';
import { listMembers } from './routes/drive/member/list.js';
import { removeMember } from './routes/drive/member/remove.js';
import { createAccessKey } from './routes/user/access-key/create.js';
import { deleteAccessKey } from './routes/user/access-key/delete.js';
import { listAccessKeys } from './routes/user/access-key/list.js';
import { updateAccessKey } from './routes/user/access-key/update.js';
import { createUser } from './routes/user/create.js';
import { deleteUser } from './routes/user/delete.js';
import { getUser } from './routes/user/get.js';
import { listUsers } from './routes/user/list.js';
import { updateUser } from './routes/user/update.js';

/** The user, access-key and drive member paths (issue 12; docs/pds.md, Users, Members and roles). */
export const USER_OPERATIONS = {
  '/v2/user/create': createUser,
  '/v2/user/get': getUser,
  '/v2/user/list': listUsers,
  '/v2/user/update': updateUser,
  '/v2/user/delete': deleteUser,
  '/v2/user/access_key/create': createAccessKey,
  '/v2/user/access_key/list': listAccessKeys,
  '/v2/user/access_key/update': updateAccessKey,
  '/v2/user/access_key/delete': deleteAccessKey,
  '/v2/drive/member/add': addMember,
  '/v2/drive/member/remove': removeMember,
  '/v2/drive/member/list': listMembers,
} as const satisfies Record<`/v2/${string}`, PdsOperation>;
