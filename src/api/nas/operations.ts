import type { NasAction, NasCall } from './action.js';
import { cancelRecycleBinJob } from './actions/cancel-recycle-bin-job.js';
import { createFileSystem } from './actions/create-file-system.js';
import { createRecycleBinDeleteJob } from './actions/create-recycle-bin-delete-job.js';
import { createRecycleBinRestoreJob } from './actions/create-recycle-bin-restore-job.js';
import { deleteFileSystem } from './actions/delete-file-system.js';
import { describeFileSystems } from './actions/describe-file-systems.js';
import { disableAndCleanRecycleBin } from './actions/disable-and-clean-recycle-bin.js';
import { enableRecycleBin } from './actions/enable-recycle-bin.js';
import { getRecycleBinAttribute } from './actions/get-recycle-bin-attribute.js';
import { listDirectoriesAndFiles } from './actions/list-directories-and-files.js';
import { listRecentlyRecycledDirectories } from './actions/list-recently-recycled-directories.js';
import { listRecycleBinJobs } from './actions/list-recycle-bin-jobs.js';
import { listRecycledDirectoriesAndFiles } from './actions/list-recycled-directories-and-files.js';
import { updateRecycleBinAttribute } from './actions/update-recycle-bin-attribute.js';
import type { NasParams } from './params.js';
import type { NasBody } from './render.js';

/** Every action of SPEC section 3, by its wire name. */
const actions = {
  CreateFileSystem: createFileSystem,
  DescribeFileSystems: describeFileSystems,
  DeleteFileSystem: deleteFileSystem,
  ListDirectoriesAndFiles: listDirectoriesAndFiles,
  EnableRecycleBin: enableRecycleBin,
  GetRecycleBinAttribute: getRecycleBinAttribute,
  UpdateRecycleBinAttribute: updateRecycleBinAttribute,
  DisableAndCleanRecycleBin: disableAndCleanRecycleBin,
  ListRecentlyRecycledDirectories: listRecentlyRecycledDirectories,
  ListRecycledDirectoriesAndFiles: listRecycledDirectoriesAndFiles,
  CreateRecycleBinRestoreJob: createRecycleBinRestoreJob,
  CreateRecycleBinDeleteJob: createRecycleBinDeleteJob,
  ListRecycleBinJobs: listRecycleBinJobs,
  CancelRecycleBinJob: cancelRecycleBinJob,
};

export type ActionName = keyof typeof actions;
type InputOf<K extends ActionName> = (typeof actions)[K] extends NasAction<infer I, infer _O> ? I : never;
type OutputOf<K extends ActionName> = (typeof actions)[K] extends NasAction<infer _I, infer O> ? O : never;

/**
 * The operation table. Written as a mapped type so that, for any one action name, its
 * parse, run and render are known to agree on their types (no casts when dispatching).
 */
export type OperationTable = { [K in ActionName]: NasAction<InputOf<K>, OutputOf<K>> };
export const operations: OperationTable = actions;

export const isActionName = (name: string): name is ActionName => Object.hasOwn(operations, name);

/** Validate, run, render: the last three steps of the pipeline for one action. */
export async function perform<K extends ActionName>(name: K, params: NasParams, call: NasCall): Promise<NasBody> {
  const operation = operations[name];
  const input = operation.parse(params); // validate: every parameter, before any change
  const output = await operation.run(call, input); // handler: the core does the work
  return operation.render(output, input); // render: the answer's fields, by wire name
}
