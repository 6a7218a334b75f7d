import { createHash } from 'node:crypto';
import { findToken, lockToken, saveToken } from '../store/repositories/idempotency.repository.js';
import type { DriveTx } from '../store/store.js';
import { DomainError } from './errors.js';
import type { Actor } from './types.js';

const TOKEN_PATTERN = /^[\x20-\x7e]{1,64}$/;

/** ClientToken: printable ASCII, at most 64 characters (NAS). */
export function checkClientToken(value: unknown, param = 'ClientToken'): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string' || !TOKEN_PATTERN.test(value)) {
    throw new DomainError('InvalidParameter', `The parameter ${param} must be at most 64 ASCII characters.`, {
      param,
    });
  }
  return value;
}

const hashParams = (params: unknown): string => createHash('sha256').update(JSON.stringify(params)).digest('hex');

export interface IdempotencyKey {
  actor: Actor;
  /** The client token; without one, `create` simply runs. */
  token: string | undefined;
  /** What kind of request it is, so one token cannot stand for two kinds. */
  scope: string;
  params: unknown;
  now: number;
}

/**
 * Runs `create` once per (user, token): the same token with the same parameters returns
 * the first result and creates nothing; with other parameters it is IdempotencyMismatch.
 * Call inside the transaction that creates, so the record and the result commit together.
 */
export async function idempotent<T>(w: DriveTx, key: IdempotencyKey, create: () => Promise<T>): Promise<T> {
  const { actor, token, scope, params, now } = key;
  if (token === undefined) return create();
  const paramsHash = hashParams(params);
  await lockToken(w.tx, w.capabilities, actor.userId, token);
  const seen = await findToken(w.tx, actor.userId, token);
  if (seen) {
    if (seen.scope !== scope || seen.paramsHash !== paramsHash) {
      throw new DomainError(
        'IdempotencyMismatch',
        'The request uses the same client token as a previous, but non-identical request.',
        { param: 'ClientToken' },
      );
    }
    return JSON.parse(seen.result) as T;
  }
  const result = await create();
  await saveToken(w.tx, actor.userId, token, { scope, paramsHash, result: JSON.stringify(result) }, now);
  return result;
}
