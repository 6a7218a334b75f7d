/** The 14 NAS actions Salvage implements; the dialect's operation table must be exactly these. */
export const NAS_ACTIONS = [
  'CreateFileSystem',
  'DescribeFileSystems',
  'DeleteFileSystem',
  'ListDirectoriesAndFiles',
  'EnableRecycleBin',
  'GetRecycleBinAttribute',
  'UpdateRecycleBinAttribute',
  'DisableAndCleanRecycleBin',
  'ListRecentlyRecycledDirectories',
  'ListRecycledDirectoriesAndFiles',
  'CreateRecycleBinRestoreJob',
  'CreateRecycleBinDeleteJob',
  'ListRecycleBinJobs',
  'CancelRecycleBinJob',
] as const;

export type NasAction = (typeof NAS_ACTIONS)[number];
