import { fields } from '../../fields.js';
import { userOperation } from '../../operation.js';
import { renderDrive } from '../../render/drive.js';

/**
 * POST /v2/drive/list: the caller's drives (admin: all, or one owner's), oldest first.
 * Drives are few, so the marker is a signed offset rather than a keyset.
 */
export const listDrives = userOperation({
  parse: (body) => ({
    owner: fields.id(body, 'owner'),
    limit: fields.int(body, 'limit', { min: 1, max: 100 }) ?? 100,
    marker: fields.marker(body),
  }),
  async run({ salvage, actor }, input) {
    const scope = `pds-drives:${actor.userId}:${input.owner ?? ''}`;
    const offset = salvage.ctx.tokens.read<number>(scope, input.marker, 'marker') ?? 0;
    const page = await salvage.drives.list(actor, { ownerId: input.owner, offset, limit: input.limit });
    const next = offset + page.items.length;
    return { items: page.items, nextMarker: next < page.total ? salvage.ctx.tokens.issue(scope, next) : '' };
  },
  render: (page) => ({ status: 200, body: { items: page.items.map(renderDrive), next_marker: page.nextMarker } }),
});
