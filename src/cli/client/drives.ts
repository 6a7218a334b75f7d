import { CliError } from './cli-error.js';
import type { SalvageClient } from './http-client.js';
import { allPages } from './pages.js';
import type { PdsDrive } from './wire-types.js';

export const listDrives = (client: SalvageClient): Promise<PdsDrive[]> =>
  allPages((marker) => client.pds('drive/list', { limit: 100, marker }));

/**
 * A drive named by id or by name. Ids win, so a drive can always be picked exactly; a name
 * that several drives share (admin sees everyone's) must be given as an id instead.
 */
export async function resolveDrive(client: SalvageClient, idOrName: string): Promise<PdsDrive> {
  const drives = await listDrives(client);
  const byId = drives.find((d) => d.drive_id === idOrName);
  if (byId) return byId;
  const byName = drives.filter((d) => d.drive_name === idOrName);
  if (byName.length === 1) return byName[0]!;
  if (byName.length > 1) {
    const ids = byName.map((d) => d.drive_id).join(', ');
    throw new CliError(`${byName.length} drives are named '${idOrName}'; name one by id: ${ids}`);
  }
  throw new CliError(`no drive named '${idOrName}' or with that id (see: salvage drives)`);
}
