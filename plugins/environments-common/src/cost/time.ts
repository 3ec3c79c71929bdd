import type { CostWindow, Instant } from './types';

/** Milliseconds in an hour. */
export const HOUR_MS = 60 * 60 * 1000;

/** Milliseconds in a day. */
export const DAY_MS = 24 * HOUR_MS;

/** Epoch milliseconds of an instant; throws a RangeError for an invalid one. */
export function toMillis(instant: Instant): number {
  let millis: number;
  if (typeof instant === 'number') millis = instant;
  else if (instant instanceof Date) millis = instant.getTime();
  else millis = Date.parse(instant);
  if (!Number.isFinite(millis)) {
    throw new RangeError(`Invalid instant ${JSON.stringify(instant)}`);
  }
  return millis;
}

/** A window as epoch milliseconds. Throws a RangeError when `to` precedes `from`. */
export function windowMillis(window: CostWindow): { from: number; to: number } {
  const from = toMillis(window.from);
  const to = toMillis(window.to);
  if (to < from) {
    throw new RangeError(
      `Invalid window: to (${String(window.to)}) precedes from (${String(
        window.from,
      )})`,
    );
  }
  return { from, to };
}
