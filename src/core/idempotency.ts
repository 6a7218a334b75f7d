import { createHash } from 'node:crypto';
import { findToken, lockToken, saveToken } from '../store/repositories/idempotency.repository.js';
import type { Db, StoreCapabilities } from '../store/store.js';
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

/**
 * Runs `create` once per (user, token): the same token with the same parameters returns
 * the first result and creates nothing; with other parameters it is IdempotencyMismatch.
 * Call inside the transaction that creates, so the record and the result commit together.
 */
export async function idempotent<T>(
  db: Db,
  caps: StoreCapabilities,
  actor: Actor,
  token: string | undefined,
  scope: string,
  params: unknown,
  now: number,
  create: () => Promise<T>,
): Promise<T> {
  if (token === undefined) return create();
  const paramsHash = hashParams(params);
  await lockToken(db, caps, actor.userId, token);
  const seen = await findToken(db, actor.userId, token);
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
  await saveToken(db, actor.userId, token, { scope, paramsHash, result: JSON.stringify(result) }, now);
  return result;
}
