import { type TSchema, Type } from '@sinclair/typebox';
import type { OperationDoc } from '../openapi/operation-doc.js';
import { Accepted, BinItem, Direction, Drive, File, Id, Marker, page, Task } from './openapi-schemas.js';
import type { PdsPath } from './operations.js';

/**
 * An optional field: absent, or null, which PDS clients (the SDKs) send for "not set"; the
 * server reads both the same (fields.ts).
 */
const O = <T extends TSchema>(schema: T) => Type.Optional(Type.Union([schema, Type.Null()]));
/** An optional id or choice, where "" too means not set: the SDKs fill in their zero value. */
const OE = <T extends TSchema>(schema: T) => Type.Optional(Type.Union([schema, Type.Literal(''), Type.Null()]));
const body = <T extends Parameters<typeof Type.Object>[0]>(props: T) => Type.Object(props, { additionalProperties: true });
const Limit = (max: number) => Type.Integer({ minimum: 0, maximum: max });
const NameMode = Type.Union(['ignore', 'auto_rename', 'refuse'].map((m) => Type.Literal(m)));

/**
 * Every PDS operation in the OpenAPI document (api/openapi), and the body schemas the
 * server checks each request against (request-schemas.ts): one table for both, so the
 * document cannot promise other than what is checked. Keyed by the operation table's
 * paths: a new operation does not type-check until it is described here.
 */
export const PDS_DOCS: Record<PdsPath, OperationDoc & { body: TSchema }> = {
  '/v2/account/token': {
    summary: 'Sign in: the password grant or the refresh grant; answers a bearer token pair.',
    body: Type.Union([
      body({ grant_type: Type.Literal('password'), username: Type.String({ minLength: 1, maxLength: 64 }), password: Type.String({ minLength: 1, maxLength: 1024 }) }),
      body({ grant_type: Type.Literal('refresh_token'), refresh_token: Type.String({ minLength: 1, maxLength: 512 }) }),
    ]),
    response: Type.Object(
      {
        access_token: Type.String(),
        refresh_token: Type.String(),
        expires_in: Type.Integer(),
        expire_time: Type.String({ format: 'date-time' }),
        token_type: Type.Literal('Bearer'),
        user_id: Type.String(),
        user_name: Type.String(),
        role: Type.Union([Type.Literal('admin'), Type.Literal('user')]),
        default_drive_id: Type.Union([Type.String(), Type.Null()]),
      },
      { additionalProperties: true },
    ),
    example: { request: { grant_type: 'password', username: 'admin', password: 'the-admin-password' } },
  },
  '/v2/account/revoke': { summary: 'Revoke a refresh token (sign out).', body: body({ refresh_token: Type.String({ minLength: 1 }) }), status: 204 },
  '/v2/drive/create': {
    summary: 'Create a drive.',
    body: body({ drive_name: Type.String({ minLength: 1, maxLength: 1024 }), owner: O(Type.String()), total_size: O(Type.Integer({ minimum: -1 })), description: O(Type.String({ maxLength: 1024 })) }),
    status: 201,
    response: Type.Object({ domain_id: Type.String(), drive_id: Id }, { additionalProperties: true }),
    example: { request: { drive_name: 'team', total_size: -1 }, response: { domain_id: 'salvage', drive_id: 'd5b1c2e3f4a5b6c7d8e9f0a1' } },
  },
  '/v2/drive/get': { summary: 'A drive, with the caller\'s role on it.', body: body({ drive_id: Id }), response: Drive },
  '/v2/drive/list': { summary: 'The caller\'s own and shared drives (admin: all, or one owner\'s).', body: body({ owner: O(Type.String()), limit: O(Type.Integer({ minimum: 1, maximum: 100 })), marker: O(Marker) }), response: page(Drive), example: { request: { limit: 10 } } },
  '/v2/drive/update': { summary: 'Rename a drive, or change its description or quota.', body: body({ drive_id: Id, drive_name: O(Type.String()), description: O(Type.String()), total_size: O(Type.Integer({ minimum: -1 })) }), response: Drive },
  '/v2/drive/delete': { summary: 'Delete a drive and everything in it.', body: body({ drive_id: Id }), status: 204 },
  '/v2/file/create': {
    summary: 'Create a folder, or begin an upload (a file: answers upload URLs).',
    body: body({
      drive_id: Id,
      parent_file_id: O(Type.String({ default: 'root' })),
      name: Type.String({ minLength: 1 }),
      type: Type.Union([Type.Literal('file'), Type.Literal('folder')]),
      check_name_mode: OE(NameMode),
      size: O(Type.Integer({ minimum: 0 })),
      content_type: O(Type.String()),
      // A part without part_number takes its place in the list.
      part_info_list: O(Type.Array(Type.Object({ part_number: O(Type.Integer({ minimum: 1 })), part_size: O(Type.Integer({ minimum: 0 })) }))),
    }),
    status: 201,
    response: Type.Object({ drive_id: Id, file_id: Id, type: Type.String() }, { additionalProperties: true }),
    example: { request: { drive_id: 'd5b1c2e3f4a5b6c7d8e9f0a1', parent_file_id: 'root', name: 'reports', type: 'folder', check_name_mode: 'refuse' } },
  },
  '/v2/file/complete': { summary: 'Complete an upload: the file becomes visible.', body: body({ drive_id: Id, file_id: Id, upload_id: Type.String() }), response: File },
  '/v2/file/get_upload_url': { summary: 'Fresh upload URLs for an upload in progress.', body: body({ drive_id: Id, file_id: Id, upload_id: Type.String() }) },
  '/v2/file/list_uploaded_parts': { summary: 'The parts of an upload received so far.', body: body({ drive_id: Id, file_id: Id, upload_id: Type.String() }) },
  '/v2/file/get': { summary: 'A live entry, or one in the bin (then with trashed_at set).', body: body({ drive_id: Id, file_id: Id }), response: File },
  '/v2/file/list': {
    summary: 'A folder\'s children, one keyset page at a time.',
    body: body({ drive_id: Id, parent_file_id: O(Type.String()), limit: O(Limit(200)), marker: O(Marker), order_by: O(Type.String()), order_direction: OE(Direction), type: O(Type.String()) }),
    response: page(File),
    example: { request: { drive_id: 'd5b1c2e3f4a5b6c7d8e9f0a1', parent_file_id: 'root', limit: 50, order_by: 'name', order_direction: 'ASC' } },
  },
  '/v2/file/search': { summary: 'Live entries matching a query.', body: body({ drive_id: Id, query: Type.String(), limit: O(Type.Integer({ minimum: 1, maximum: 100 })), marker: O(Marker), order_by: O(Type.String()), return_total_count: O(Type.Boolean()) }), response: page(File) },
  '/v2/file/update': { summary: 'Rename an entry (without a name: the entry as it is).', body: body({ drive_id: Id, file_id: Id, name: OE(Type.String({ minLength: 1 })), check_name_mode: OE(NameMode) }), response: File },
  '/v2/file/get_download_url': { summary: 'A signed URL to download a file\'s content.', body: body({ drive_id: Id, file_id: Id, expire_sec: O(Type.Integer({ minimum: 1, maximum: 115_200 })) }) },
  '/v2/file/delete': { summary: 'Delete an entry for good (live or in the bin), as a task.', body: body({ drive_id: Id, file_id: Id }), status: 202, response: Accepted },
  '/v2/recyclebin/trash': {
    summary: 'Move an entry to the recycle bin.',
    body: body({ drive_id: Id, file_id: Id, deletion_event_id: OE(Id) }),
    status: 202,
    response: Type.Object({ domain_id: Type.String(), drive_id: Id, file_id: Id, async_task_id: Type.Literal(''), deletion_event_id: Type.String() }, { additionalProperties: true }),
    example: {
      request: { drive_id: 'd5b1c2e3f4a5b6c7d8e9f0a1', file_id: '6f1e2d3c4b5a69788796a5b4' },
      response: { domain_id: 'salvage', drive_id: 'd5b1c2e3f4a5b6c7d8e9f0a1', file_id: '6f1e2d3c4b5a69788796a5b4', async_task_id: '', deletion_event_id: 'e0d1c2b3a4958677' },
    },
  },
  '/v2/recyclebin/list': {
    summary: 'The bin\'s items, newest trashed first; with parent_file_id, inside a trashed folder.',
    body: body({ drive_id: Id, parent_file_id: O(Type.String()), limit: O(Limit(200)), marker: O(Marker), order_by: OE(Type.Union([Type.Literal('update_time'), Type.Literal('name')])), order_direction: OE(Direction), type: OE(Type.Union([Type.Literal('file'), Type.Literal('folder')])) }),
    response: page(BinItem),
    example: { request: { drive_id: 'd5b1c2e3f4a5b6c7d8e9f0a1', limit: 100 } },
  },
  '/v2/recyclebin/restore': {
    summary: 'Restore a bin item to where it was, as a task.',
    body: body({ drive_id: Id, file_id: Id }),
    status: 202,
    response: Type.Object({ domain_id: Type.String(), drive_id: Id, file_id: Type.String(), async_task_id: Type.String() }, { additionalProperties: true }),
    example: { request: { drive_id: 'd5b1c2e3f4a5b6c7d8e9f0a1', file_id: '6f1e2d3c4b5a69788796a5b4' }, response: { domain_id: 'salvage', drive_id: 'd5b1c2e3f4a5b6c7d8e9f0a1', file_id: '6f1e2d3c4b5a69788796a5b4', async_task_id: '42' } },
  },
  '/v2/recyclebin/clear': { summary: 'Empty the bin, as a task.', body: body({ drive_id: Id }), status: 202, response: Accepted },
  '/v2/async_task/get': {
    summary: 'A task\'s state and progress.',
    body: body({ async_task_id: Type.String({ minLength: 1 }) }),
    response: Task,
    example: { request: { async_task_id: '42' }, response: { async_task_id: '42', state: 'Succeed', status: 'Succeed', consumed_process: 1, total_process: 1 } },
  },
  '/v2/file/get_by_path': { summary: 'An entry by its path.', body: body({ drive_id: Id, file_path: Type.String({ minLength: 1 }) }), response: File },
  '/v2/file/move': { summary: 'Move or rename an entry, within a drive or to another.', body: body({ drive_id: Id, file_id: Id, to_parent_file_id: Type.String(), to_drive_id: OE(Id), new_name: O(Type.String()), check_name_mode: OE(NameMode), auto_rename: O(Type.Boolean()) }) },
  '/v2/file/copy': { summary: 'Copy an entry: a file at once (201), a folder as a task (202).', status: 201, body: body({ drive_id: Id, file_id: Id, to_parent_file_id: Type.String(), to_drive_id: OE(Id), new_name: O(Type.String()), auto_rename: O(Type.Boolean()) }) },
  '/v2/recyclebin/search_all': { summary: 'Search the bin.', body: body({ drive_id: Id, query: O(Type.String()), order_by: O(Type.String()), order_direction: OE(Direction), include_subfolders: O(Type.Boolean()), include_descendants: O(Type.Boolean()), limit: O(Type.Integer({ minimum: 1, maximum: 100 })), marker: O(Marker) }), response: page(BinItem) },
  '/v2/recyclebin/restore_all': { summary: 'Restore everything a search (or a deletion event) finds, as one task (202); dry_run: true counts it (200).', status: 202, body: body({ drive_id: Id, query: O(Type.String()), include_subfolders: O(Type.Boolean()), deletion_event_id: OE(Id), dry_run: O(Type.Boolean()), client_token: O(Type.String()) }) },
  '/v2/recyclebin/delete_all': { summary: 'Delete for good everything a search (or a deletion event) finds, as one task (202); dry_run: true counts it (200).', status: 202, body: body({ drive_id: Id, query: O(Type.String()), include_subfolders: O(Type.Boolean()), deletion_event_id: OE(Id), dry_run: O(Type.Boolean()), bypass_governance_retention: O(Type.Boolean()), client_token: O(Type.String()) }) },
  '/v2/batch': {
    summary: 'Up to 100 sub-requests, each served as if sent alone; its trashes share one deletion event.',
    body: body({ resource: Type.String(), requests: Type.Array(body({ id: Type.String(), method: Type.String(), url: Type.String(), body: O(Type.Unknown()) }), { maxItems: 100 }) }),
  },
  '/v2/user/create': { summary: 'Create a user (admin).', body: body({ user_name: Type.String({ minLength: 1, maxLength: 64 }), password: O(Type.String()), role: O(Type.String()), nick_name: O(Type.String()), email: O(Type.String()), status: O(Type.String()) }), status: 201 },
  '/v2/user/get': { summary: 'A user.', body: body({ user_id: Type.String() }) },
  '/v2/user/list': { summary: 'Users, one page at a time (admin).', body: body({ limit: O(Type.Integer()), marker: O(Marker) }) },
  '/v2/user/update': { summary: 'Change a user (their own password, or anything for admin).', body: body({ user_id: Type.String() }) },
  '/v2/user/delete': { summary: 'Delete a user (admin).', body: body({ user_id: Type.String() }), status: 204 },
  '/v2/user/access_key/create': { summary: 'Create an access key for the NAS dialect.', body: body({ user_id: Type.String() }), status: 201 },
  '/v2/user/access_key/list': { summary: 'A user\'s access keys (secrets never shown again).', body: body({ user_id: Type.String() }) },
  '/v2/user/access_key/update': { summary: 'Enable or disable an access key.', body: body({ access_key_id: Type.String(), status: Type.String() }) },
  '/v2/user/access_key/delete': { summary: 'Delete an access key.', body: body({ access_key_id: Type.String() }), status: 204 },
  '/v2/drive/member/add': { summary: 'Share a drive: add a member as viewer or editor.', body: body({ drive_id: Id, user_id: Type.String(), role: Type.String() }) },
  '/v2/drive/member/remove': { summary: 'Remove a member from a drive.', body: body({ drive_id: Id, user_id: Type.String() }), status: 204 },
  '/v2/drive/member/list': { summary: 'A drive\'s members.', body: body({ drive_id: Id }) },
};
