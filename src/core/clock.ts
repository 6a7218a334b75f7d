/**
 * The system clock, read in one place. Retention follows it as it is, so a server started
 * under a shifted clock (faketime) expires items by that clock.
 */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/**
 * The system clock plus an offset that only grows: `salvage serve --test-hooks` hands one
 * to the core so a client can move time forward (POST /_salvage/clock) and see retention
 * expire items without waiting days. Never backwards: expiry, leases and tokens all
 * assume time does not run back.
 */
export class AdjustableClock implements Clock {
  private offsetMs = 0;

  now(): number {
    return Date.now() + this.offsetMs;
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }

  get offset(): number {
    return this.offsetMs;
  }
}
