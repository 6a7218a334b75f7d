/**
 * A deleted user's row is kept, so ids in history still name someone, but their name is
 * freed for a new user: it is stored as `name~deleted~id`. '~' is no user-name character,
 * so the stored form never signs in and the name before it is always recoverable.
 */
const MARK = '~deleted~';

export const deletedUserName = (name: string, id: string): string => `${name}${MARK}${id}`;

/** The name a user had: the stored one, without the deletion mark if there is one. */
export function nameAsKnown(stored: string): string {
  const at = stored.indexOf(MARK);
  return at < 0 ? stored : stored.slice(0, at);
}
