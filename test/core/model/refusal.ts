import { expect } from 'vitest';

/** Awaits a call that must be refused with `code`; returns the error for more checks. */
export async function refused(call: Promise<unknown>, code: string): Promise<Error & { code: string }> {
  let outcome: unknown;
  try {
    outcome = await call;
  } catch (err) {
    expect((err as { code?: string }).code, `refused with ${code}: ${(err as Error).message}`).toBe(code);
    return err as Error & { code: string };
  }
  throw new Error(`expected refusal ${code}, got success: ${JSON.stringify(outcome)?.slice(0, 300)}`);
}
