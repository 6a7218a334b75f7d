import { createHash } from 'node:crypto';
import { findToken, lockToken, saveToken } from '../store/repositories/idempotency.repository.js';
import type { DriveTx } from '../store/store.js';
import { DomainError } from './errors.js';
import type { Actor } from './types.js';

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
      throw new DomainError('IdempotencyMismatch', 'the client token was used for another request', { field: 'clientToken' });
    }
    return JSON.parse(seen.result) as T;
  }
  const result = await create();
  await saveToken(w.tx, actor.userId, token, { scope, paramsHash, result: JSON.stringify(result) }, now);
  return result;
}
