import { nasAction } from '../action.js';
import { isoTime } from '../wire.js';

/** ListRecentlyRecycledDirectories: folders items were deleted from, latest deletion first. */
export const listRecentlyRecycledDirectories = nasAction({
  parse: (p) => ({
    fileSystemId: p.id('FileSystemId'),
    maxResults: p.int('MaxResults', { min: 10, max: 1000, fallback: 100 }),
    nextToken: p.token('NextToken'),
  }),
  run: ({ salvage, actor }, input) =>
    salvage.bin.recentlyRecycledDirs(actor, {
      driveId: input.fileSystemId,
      limit: input.maxResults,
      token: input.nextToken,
    }),
  render: (page) => ({
    Entries: page.items.map((d) => ({
      FileId: d.dirId,
      // The root folder has no name of its own; NAS users know it as '/'.
      Name: d.path === '/' ? '/' : (d.path.split('/').pop() ?? ''),
      Path: d.path,
      LastDeleteTime: isoTime(d.lastDeleteTime),
    })),
    NextToken: page.nextToken,
  }),
});
