import { type TSchema, Type } from '@sinclair/typebox';
import { ID_PATTERN } from '../../core/ids.js';

/**
 * The shapes of the PDS dialect's answers for the OpenAPI document (docs/pds.md says what
 * each field means). Open objects: an answer may carry more fields than listed here, as
 * the vendor's does, but never fewer nor of another type.
 */
const open = <T extends Record<string, TSchema>>(props: T) => Type.Object(props, { additionalProperties: true });

/** The id rule of core/ids.ts, as the document states it. */
export const Id = Type.String({ pattern: ID_PATTERN.source });
const Time = Type.String({ format: 'date-time' });

export const PdsError = Type.Object({ code: Type.String(), message: Type.String() }, { additionalProperties: false });

export const File = open({
  domain_id: Type.String(),
  drive_id: Id,
  file_id: Id,
  parent_file_id: Type.String(),
  name: Type.String(),
  type: Type.Union([Type.Literal('file'), Type.Literal('folder')]),
  size: Type.Integer({ minimum: 0 }),
  content_type: Type.String(),
  content_hash: Type.String(),
  status: Type.String(),
  created_at: Time,
  updated_at: Time,
  trashed: Type.Boolean(),
  trashed_at: Type.Union([Time, Type.Null()]),
});

export const BinItem = open({
  drive_id: Id,
  file_id: Id,
  name: Type.String(),
  type: Type.Union([Type.Literal('file'), Type.Literal('folder')]),
  trashed_at: Type.Union([Time, Type.Null()]),
  original_parent_file_id: Type.String(),
  original_path: Type.String(),
});

export const Drive = open({
  domain_id: Type.String(),
  drive_id: Id,
  drive_name: Type.String(),
  owner: Type.String(),
  total_size: Type.Integer({ minimum: -1 }),
  used_size: Type.Integer({ minimum: 0 }),
  status: Type.String(),
  role: Type.String(),
  created_at: Time,
  updated_at: Time,
});

export const Task = open({
  async_task_id: Type.String(),
  state: Type.Union(['Running', 'Succeed', 'PartialSucceed', 'Failed', 'Cancelled'].map((s) => Type.Literal(s))),
  consumed_process: Type.Integer({ minimum: 0 }),
  total_process: Type.Integer({ minimum: 0 }),
});

export const Accepted = open({ domain_id: Type.String(), drive_id: Id, async_task_id: Type.String() });

export const page = (item: TSchema) => open({ items: Type.Array(item), next_marker: Type.String() });

export const Marker = Type.String({ maxLength: 2048 });
/** ASC or DESC, in either case (the SDKs send upper case, some clients lower). */
export const Direction = Type.String({ pattern: '^(?:[Aa][Ss][Cc]|[Dd][Ee][Ss][Cc])$' });
