import { compareWithModel } from '../compare.js';
import { type RealDrive, waitIdle } from '../real-drive.js';
import type { TreeModel } from '../reference-model.js';

/** Steps judged so far, printed after the suite to show how much was exercised. */
export const stepStats = { steps: 0 };

/** After every step: let the drive's jobs finish, then compare everything with the model. */
export async function settle(model: TreeModel, real: RealDrive): Promise<void> {
  stepStats.steps++;
  await waitIdle(real);
  await compareWithModel(model, real);
}
