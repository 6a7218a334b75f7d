import type { PdsMember } from '../../api/types.js';
import { formatDate } from '../../lib/format.js';
import { ROLE_LABELS } from '../../lib/roles.js';

/**
 * The owner and the members of a drive. With `manage` (the owner, an admin) each member's
 * row offers the other role and removal; everyone else sees the list only.
 */
export function MembersTable({ members, meId, manage, busy, onRole, onRemove }: {
  members: PdsMember[];
  meId: string;
  manage: boolean;
  busy: boolean;
  onRole: (member: PdsMember, role: 'viewer' | 'editor') => void;
  onRemove: (member: PdsMember) => void;
}) {
  return (
    <table className="list members">
      <caption className="sr-only">Who may use this drive, the owner first</caption>
      <thead>
        <tr>
          <th scope="col">User name</th>
          <th scope="col">Nick name</th>
          <th scope="col">Role</th>
          <th scope="col">Added</th>
          {manage && <th scope="col">Actions</th>}
        </tr>
      </thead>
      <tbody>
        {members.map((m) => {
          const n = m.user_name;
          const other = m.role === 'editor' ? 'viewer' : 'editor';
          return (
            <tr key={m.user_id} data-name={n}>
              <th scope="row">
                {n}
                {m.user_id === meId && ' (you)'}
              </th>
              <td>{m.nick_name}</td>
              <td>{ROLE_LABELS[m.role]}</td>
              <td>{formatDate(m.added_at)}</td>
              {/* The owner is no member: nothing to change or remove on that row. */}
              {manage && m.role === 'owner' && <td />}
              {manage && m.role !== 'owner' && (
                <td className="actions">
                  <button type="button" className="small" disabled={busy} aria-label={`Make ${other}: ${n}`} onClick={() => onRole(m, other)}>
                    Make {other}
                  </button>
                  <button type="button" className="small danger" disabled={busy} aria-label={`Remove ${n}`} onClick={() => onRemove(m)}>
                    Remove
                  </button>
                </td>
              )}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
