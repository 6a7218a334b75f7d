import type { PdsOperation } from './operation.js';
import { createAccessKey } from './routes/user/access-key/create.js';
import { deleteAccessKey } from './routes/user/access-key/delete.js';
import { listAccessKeys } from './routes/user/access-key/list.js';
import { updateAccessKey } from './routes/user/access-key/update.js';
import { createUser } from './routes/user/create.js';
import { deleteUser } from './routes/user/delete.js';
import { getUser } from './routes/user/get.js';
import { listUsers } from './routes/user/list.js';
import { updateUser } from './routes/user/update.js';

/** The user and access-key paths (issue 12; docs/pds.md, Users). */
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
} as const satisfies Record<`/v2/${string}`, PdsOperation>;
