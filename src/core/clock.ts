/**
 * The system clock, read in one place. Retention follows it as it is, so a server started
 * under a shifted clock (faketime) expires items by that clock.
 */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };
