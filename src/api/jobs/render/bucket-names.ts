import type { Salvage } from '../../../core/salvage.js';
import type { Actor, Job } from '../../../core/types.js';

/**
 * The drive name of each job's drive, looked up once per drive. A drive that is gone (or
 * being deleted) has no name to give: ''.
 */
export async function bucketNamesOf(salvage: Salvage, actor: Actor, jobs: readonly Job[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (const driveId of new Set(jobs.map((j) => j.driveId))) {
    try {
      names.set(driveId, (await salvage.drives.get(actor, driveId)).name);
    } catch {
      names.set(driveId, '');
    }
  }
  return names;
}
