import type { SessionUser } from '../api/types.js';

/** A choice of user by id, with "Anyone" (the empty value) first: the bin's and the audit's filters. */
export function UserSelect({ id, value, users, onChange }: {
  id: string;
  value: string;
  users: SessionUser[];
  onChange: (e: { target: { value: string } }) => void;
}) {
  return (
    <select id={id} value={value} onChange={onChange}>
      <option value="">Anyone</option>
      {users.map((u) => (
        <option key={u.id} value={u.id}>
          {u.name}
        </option>
      ))}
    </select>
  );
}
