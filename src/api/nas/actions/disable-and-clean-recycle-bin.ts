import { nasAction } from '../action.js';

/**
 * DisableAndCleanRecycleBin: switches the bin off and empties it with one clear job; under
 * a retention lock the job leaves what the lock holds (PartialSuccess), and a compliance
 * lock that holds anything refuses the call (docs/nas.md, Retention lock).
 */
export const disableAndCleanRecycleBin = nasAction({
  parse: (p) => ({ fileSystemId: p.id('FileSystemId'), bypassLock: p.bool('BypassGovernanceRetention', false) }),
  run: ({ salvage, actor }, input) => salvage.bin.disableAndClean(actor, { driveId: input.fileSystemId, bypassLock: input.bypassLock }),
  render: () => ({}),
});
