import type { DriveRole } from '../api/types.js';

/**
 * What the UI offers for each role on a drive (docs/pds.md, "Members and roles"). The
 * server checks again on every request; the UI only leaves out what it would refuse.
 * `undefined` (the drive not read yet) offers nothing, so no button flashes up and goes.
 */
export const mayEdit = (role: DriveRole | undefined): boolean => role === 'owner' || role === 'editor';

/** Delete permanently, empty the bin, bin settings, members: the owner's (and every admin's). */
export const mayManage = (role: DriveRole | undefined): boolean => role === 'owner';

export const ROLE_LABELS: Record<DriveRole, string> = { owner: 'Owner', editor: 'Editor', viewer: 'Viewer' };

/** "an editor", "a viewer", "the owner": for sentences. */
export const roleInWords = (role: DriveRole): string => (role === 'owner' ? 'the owner' : role === 'editor' ? 'an editor' : 'a viewer');
