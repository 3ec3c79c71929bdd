import type { PriceRates } from './rates';
import { HOUR_MS, toMillis, windowMillis } from './time';
import type { CostBreakdown, CostInterval, CostWindow } from './types';

/** A breakdown of nothing. @public */
export function zeroCost(): CostBreakdown {
  return { total: 0, compute: 0, storage: 0, database: 0, hours: 0 };
}

/** Adds `b` into `a` (mutating and returning `a`). */
export function addCost(a: CostBreakdown, b: CostBreakdown): CostBreakdown {
  a.total += b.total;
  a.compute += b.compute;
  a.storage += b.storage;
  a.database += b.database;
  a.hours += b.hours;
  return a;
}

/**
 * Milliseconds of `interval` inside `[from, to)`. An open interval (no
 * `endedAt`) runs until `to`.
 */
export function clippedMillis(
  interval: Pick<CostInterval, 'startedAt' | 'endedAt'>,
  from: number,
  to: number,
): number {
  const start = Math.max(toMillis(interval.startedAt), from);
  const end = Math.min(
    interval.endedAt === undefined ? to : toMillis(interval.endedAt),
    to,
  );
  return Math.max(0, end - start);
}

/**
 * The hourly price of what an interval reserves, split by part: compute (CPU
 * + memory) and database are charged only while running; storage always.
 * An instance class missing from the rates table is priced at 0.
 */
export function hourlyRates(
  interval: CostInterval,
  rates: PriceRates,
): { compute: number; storage: number; database: number } {
  return {
    compute:
      interval.cpuCores * rates.cpuCoreHour +
      interval.memoryGb * rates.memoryGbHour,
    storage: interval.storageGb * rates.storageGbHour,
    database: interval.instanceClass
      ? rates.managedDatabaseHourly[interval.instanceClass] ?? 0
      : 0,
  };
}

/**
 * The cost of one ledger interval clipped to `window` (`[from, to)`; an open
 * interval ends at `to`). Running: CPU + memory + storage, plus the managed
 * database class hourly when `instanceClass` is set. Stopped: storage only.
 * Full precision; round with `roundMoney` to present.
 *
 * @public
 */
export function costOfInterval(
  interval: CostInterval,
  rates: PriceRates,
  window: CostWindow,
): CostBreakdown {
  const { from, to } = windowMillis(window);
  const hours = clippedMillis(interval, from, to) / HOUR_MS;
  if (hours === 0) return zeroCost();
  const hourly = hourlyRates(interval, rates);
  const running = interval.state === 'running';
  const compute = running ? hours * hourly.compute : 0;
  const database = running ? hours * hourly.database : 0;
  const storage = hours * hourly.storage;
  return {
    total: compute + storage + database,
    compute,
    storage,
    database,
    hours,
  };
}
