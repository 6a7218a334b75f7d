import { expect } from 'vitest';
import type { TestNode } from '../../support/node.js';
import type { Role } from './world.js';

/**
 * The role rules of issue 12 as a table: what each call needs. `viewer`: list, search,
 * download, browse the bin; `editor`: also upload, rename, move, copy, trash, restore;
 * `owner`: also delete permanently, empty the bin, bin settings, members, the drive
 * itself; `admin`: what only an admin does (users, other users' keys, quotas);
 * `anyone`: every signed-in user, each on what is their own.
 */
export type Need = 'anyone' | 'viewer' | 'editor' | 'owner' | 'admin';

/** Where a call points: at the shared drive (a stranger must not learn it exists) or elsewhere. */
export type Scope = 'drive' | 'elsewhere';

export type Refusal = 'hidden' | 'forbidden' | 'signed-out';

const RANK: Record<Exclude<Role, 'disabled'>, number> = { admin: 3, owner: 3, editor: 2, viewer: 1, stranger: 0 };
const NEEDED: Record<Exclude<Need, 'anyone' | 'admin'>, number> = { viewer: 1, editor: 2, owner: 3 };

/** Allowed (undefined), or how the call must be refused. */
export function refusalFor(role: Role, need: Need, scope: Scope): Refusal | undefined {
  if (role === 'disabled') return 'signed-out';
  if (need === 'anyone') return undefined;
  // A drive the caller cannot see answers as a missing one, whatever the call needs.
  if (scope === 'drive' && role === 'stranger') return 'hidden';
  if (need === 'admin') return role === 'admin' ? undefined : 'forbidden';
  return RANK[role] >= NEEDED[need] ? undefined : 'forbidden';
}

/** A refusal's status and code. */
export interface Expected {
  status: number;
  code: string;
}

/** What a call answered, reduced to what the rules speak of. */
export interface Answer {
  status: number;
  code: string | undefined;
  text: string;
}

/**
 * Everything a refused call could have changed, read from the database: users, keys,
 * drives and their bins, entries, members, jobs, uploads. Times of last use and sign-in
 * bookkeeping are left out: a refusal may count a failure, never change data.
 */
export async function snapshot(node: TestNode): Promise<string> {
  const db = node.salvage.ctx.store.db;
  const [users, keys, drives, entries, jobs, uploads, members] = await Promise.all([
    db.selectFrom('users').select(['id', 'name', 'nick_name', 'status', 'is_admin', 'password_hash']).orderBy('id').execute(),
    db.selectFrom('access_keys').select(['id', 'user_id', 'status']).orderBy('id').execute(),
    db.selectFrom('drives').selectAll().orderBy('id').execute(),
    db.selectFrom('entries').select(['drive_id', 'id', 'parent_id', 'name', 'size', 'status', 'trashed_at']).orderBy('drive_id').orderBy('id').execute(),
    db.selectFrom('jobs').select(['id', 'state', 'cancel_requested']).orderBy('id').execute(),
    db.selectFrom('uploads').select(['id', 'state']).orderBy('id').execute(),
    db.selectFrom('drive_members' as never).selectAll().execute(),
  ]);
  return JSON.stringify({ users, keys, drives, entries, jobs, uploads, members });
}

/**
 * Runs one call for one role and checks the answer against the rules: allowed is a 2xx;
 * a refusal is exactly `expected(refusal)` and leaves the store as it was.
 */
export async function checkCall(
  node: TestNode,
  what: { label: string; role: Role; refusal: Refusal | undefined; expected: (r: Refusal) => Expected | Expected[] },
  call: () => Promise<Answer>,
): Promise<void> {
  const before = what.refusal ? await snapshot(node) : '';
  const answer = await call();
  const label = `${what.label} as ${what.role}: ${answer.status} ${answer.text.slice(0, 300)}`;
  if (!what.refusal) {
    expect(answer.status, label).toBeGreaterThanOrEqual(200);
    expect(answer.status, label).toBeLessThan(300);
    return;
  }
  const expected = [what.expected(what.refusal)].flat();
  expect(expected, label).toContainEqual({ status: answer.status, code: answer.code });
  expect(await snapshot(node), `${label}: a refusal changed the store`).toBe(before);
}
