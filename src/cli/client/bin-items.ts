import { CliError } from './cli-error.js';
import { ServerError, type SalvageClient } from './http-client.js';
import { searchBin } from './bin-search.js';
import { firstItems } from './pages.js';
import { getFile } from './remote-paths.js';
import type { PdsBinItem, PdsFile } from './wire-types.js';

/** The drive's bin, newest trashed first (the server's order). */
export const listBin = async (client: SalvageClient, driveId: string): Promise<PdsBinItem[]> => (await listBinFirst(client, driveId, Infinity)).items;

/** Its first `limit` items, and whether there are more. */
export const listBinFirst = (client: SalvageClient, driveId: string, limit: number) =>
  firstItems<PdsBinItem>((marker, want) => client.pds('recyclebin/list', { drive_id: driveId, limit: Math.min(want, 200), marker }), limit);

/** The children of a trashed folder, by name: the bin listing with `parent_file_id`; the first `limit`. */
export const listInsideBin = (client: SalvageClient, driveId: string, folderId: string, limit = Infinity) =>
  firstItems<PdsBinItem>(
    (marker, want) =>
      client.pds('recyclebin/list', {
        drive_id: driveId,
        parent_file_id: folderId,
        order_by: 'name',
        order_direction: 'ASC',
        limit: Math.min(want, 200),
        marker,
      }),
    limit,
  );

/** A string literal of the bin's query language: `\` and `"` are its only escapes. */
const quoted = (value: string): string => `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;

/**
 * What `restore` and `purge` act on: a bin item by id or by name, or by id an entry inside
 * a trashed folder (which PDS restores or purges on its own). A name several bin items
 * share must be an id. `anyEntryById`: also a live entry by id (`purge` deletes those too,
 * as PDS `file/delete` does; by id only, so a name never reaches outside the bin).
 */
export async function resolveBinEntry(
  client: SalvageClient,
  driveId: string,
  idOrName: string,
  options: { anyEntryById?: boolean } = {},
): Promise<PdsFile> {
  // By id first: one request, whatever the size of the bin.
  const byId = await getFile(client, driveId, idOrName).catch((err: unknown) => {
    if (err instanceof ServerError && err.status < 500) return undefined;
    throw err;
  });
  if (byId && (byId.trashed || options.anyEntryById)) return byId;
  // By name: the bin's search on the exact name (its own index), not a walk of the bin.
  const found = await searchBin(client, driveId, { query: `name = ${quoted(idOrName)}`, includeSubfolders: false }, 100);
  const byName = found.items;
  if (byName.length === 1) return byName[0]!;
  if (byName.length > 1) {
    const choices = byName.map((i) => `${i.file_id} (from ${i.original_path || '/'}, deleted ${i.trashed_at})`).join('; ');
    const more = found.more ? ' (and more)' : '';
    throw new CliError(`${byName.length}${found.more ? '+' : ''} items in the bin are named '${idOrName}'; name one by id: ${choices}${more}`);
  }
  throw new CliError(`nothing in the bin is named '${idOrName}' or has that id (see: salvage bin ${driveId})`);
}
