import { fields } from '../../fields.js';
import { userOperation } from '../../operation.js';
import { DOMAIN_ID } from '../../render/time.js';

/**
 * POST /v2/recyclebin/trash: done before the answer, for a file or a folder of any size,
 * so there is no task: 202 with async_task_id "" (SPEC section 2). The answer names the
 * deletion event the item joined: the batch's, the one the caller passed (a client that
 * trashes several items in separate calls groups them so), or a new one of its own.
 */
export const trashFile = userOperation({
  parse: (body) => ({
    driveId: fields.requiredId(body, 'drive_id'),
    fileId: fields.requiredId(body, 'file_id'),
    deletionEventId: fields.id(body, 'deletion_event_id'),
  }),
  run: ({ salvage, actor, deletionEventId }, input) =>
    salvage.bin.trash(actor, { ...input, deletionEventId: input.deletionEventId ?? deletionEventId }),
  render: ({ entry, asyncTaskId }) => ({
    status: 202,
    body: {
      domain_id: DOMAIN_ID,
      drive_id: entry.driveId,
      file_id: entry.id,
      async_task_id: asyncTaskId,
      deletion_event_id: entry.deletionEventId ?? '',
    },
  }),
});
