import { NasError } from '../errors.js';

/** How far a request's date may be from the server clock, either way. */
export const SIGNATURE_WINDOW_MS = 15 * 60_000;

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

/** The request's date (x-acs-date or Timestamp), checked against the server clock. */
export function checkRequestTime(value: string, param: string, now: number): number {
  const time = ISO_UTC.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(time)) throw new NasError('InvalidTimeStamp.Format', { param });
  if (Math.abs(now - time) > SIGNATURE_WINDOW_MS) throw new NasError('InvalidTimeStamp.Expired', { param });
  return time;
}
