import { DomainError, invalidInput } from '../errors.js';
import type { Actor } from '../types.js';

/** The core's own bounds on a user's fields (a dialect may allow less, never more). */
export const NICK_NAME_MAX = 128;
export const EMAIL_MAX = 256;
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 1024;

export const adminOnly = (what: string): DomainError =>
  new DomainError('Forbidden', `only admin can ${what}`, { reason: `only an admin can ${what}` });

export function requireAdmin(actor: Actor, what: string): void {
  if (!actor.isAdmin) throw adminOnly(what);
}

/** Admins act on anyone; a user on themself only. */
export function requireSelfOrAdmin(actor: Actor, userId: string, what: string): void {
  if (!actor.isAdmin && actor.userId !== userId) throw adminOnly(what);
}

export function checkNickName(value: string): string {
  if (value.length > NICK_NAME_MAX) throw invalidInput('nickName', `must be at most ${NICK_NAME_MAX} characters`, { max: NICK_NAME_MAX });
  return value;
}

export function checkEmail(value: string): string {
  if (value === '') return value;
  if (value.length > EMAIL_MAX || !/^[^\s@]+@[^\s@]+$/.test(value)) invalidEmail();
  return value;
}

function invalidEmail(): never {
  throw invalidInput('email', `must be an address like name@example.com, at most ${EMAIL_MAX} characters`, { max: EMAIL_MAX });
}

export function checkPassword(value: string): string {
  if (value.length < PASSWORD_MIN || value.length > PASSWORD_MAX) {
    throw invalidInput('password', `must be ${PASSWORD_MIN} to ${PASSWORD_MAX} characters`, { min: PASSWORD_MIN, max: PASSWORD_MAX });
  }
  return value;
}

export const userNotFound = (id: string, field: 'userId' | 'transferTo' = 'userId'): DomainError =>
  new DomainError('UserNotFound', `user ${id} does not exist`, { id, field });
