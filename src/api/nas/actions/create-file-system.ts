import { nasAction } from '../action.js';

const PROTOCOL_TYPES = ['NFS', 'SMB', 'cpfs'] as const;
const STORAGE_TYPES = ['Performance', 'Capacity', 'Premium', 'standard', 'advance', 'advance_100', 'advance_200', 'economic'] as const;
const FILE_SYSTEM_TYPES = ['standard', 'extreme', 'cpfs'] as const;

/**
 * CreateFileSystem: a new drive whose recycle bin starts disabled, as on NAS. The types
 * are checked against NAS's values and kept, but Salvage stores every drive the same way.
 */
export const createFileSystem = nasAction({
  parse: (p) => ({
    protocolType: p.oneOf('ProtocolType', PROTOCOL_TYPES),
    storageType: p.oneOf('StorageType', STORAGE_TYPES),
    fileSystemType: p.oneOf('FileSystemType', FILE_SYSTEM_TYPES, 'standard'),
    description: p.text('Description', 128),
    clientToken: p.clientToken(),
  }),
  run: ({ salvage, actor }, input) =>
    salvage.drives.create(actor, {
      name: undefined,
      origin: 'nas',
      description: input.description,
      protocolType: input.protocolType,
      storageType: input.storageType,
      fileSystemType: input.fileSystemType,
      clientToken: input.clientToken,
    }),
  render: (drive) => ({ FileSystemId: drive.id }),
});
