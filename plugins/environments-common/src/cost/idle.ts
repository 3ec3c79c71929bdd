import {
  addCost,
  clippedMillis,
  costOfInterval,
  hourlyRates,
  zeroCost,
} from './costOfInterval';
import type { PriceRates } from './rates';
import { HOUR_MS, toMillis, windowMillis } from './time';
import {
  AUTO_STOP_REASON,
  type ActivityEvent,
  type CostBreakdown,
  type CostInterval,
  type CostWindow,
} from './types';

/** Activity times per environment, ascending epoch milliseconds. */
export function activityByEnvironment(
  activity: readonly ActivityEvent[],
): Map<string, number[]> {
  const byEnvironment = new Map<string, number[]>();
  for (const event of activity) {
    const times = byEnvironment.get(event.environmentId) ?? [];
    times.push(toMillis(event.at));
    byEnvironment.set(event.environmentId, times);
  }
  for (const times of byEnvironment.values()) times.sort((a, b) => a - b);
  return byEnvironment;
}

/** Index of the first time in ascending `times` that is greater than `at`. */
function firstAfter(times: readonly number[], at: number): number {
  let low = 0;
  let high = times.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (times[middle] <= at) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * The idle parts of one running interval inside `[from, to)`, as
 * `[start, end)` pairs. A moment is idle when it lies at least `idleAfter` ms
 * after the latest activity at or before it; the interval's own start counts
 * as activity (starting an environment is using it), so the first
 * `idleAfter` after a start is never idle.
 */
export function idleSpans(
  interval: CostInterval,
  activity: readonly number[],
  idleAfter: number,
  from: number,
  to: number,
): Array<[number, number]> {
  if (interval.state !== 'running') return [];
  const started = toMillis(interval.startedAt);
  const start = Math.max(started, from);
  const end = Math.min(
    interval.endedAt === undefined ? to : toMillis(interval.endedAt),
    to,
  );
  const spans: Array<[number, number]> = [];
  if (end <= start) return spans;
  let index = firstAfter(activity, start);
  let lastActivity = Math.max(
    started,
    index > 0 ? activity[index - 1] : -Infinity,
  );
  let cursor = start;
  const addIdle = (until: number) => {
    const idleFrom = Math.max(cursor, lastActivity + idleAfter);
    if (until > idleFrom) spans.push([idleFrom, until]);
  };
  for (; index < activity.length && activity[index] < end; index++) {
    addIdle(activity[index]);
    lastActivity = activity[index];
    cursor = activity[index];
  }
  addIdle(end);
  return spans;
}

/**
 * What running intervals cost while their environment was idle: time that
 * lies at least `idleAfter` ms after the latest activity before it (or after
 * the interval's start, which counts as activity). The breakdown is the full
 * running cost of that time, storage included.
 *
 * @public
 */
export function idleCost(options: {
  intervals: readonly CostInterval[];
  activity: readonly ActivityEvent[];
  /** Milliseconds without activity after which an environment is idle. */
  idleAfter: number;
  rates: PriceRates;
  window: CostWindow;
}): CostBreakdown {
  const { intervals, rates, idleAfter } = options;
  if (!Number.isFinite(idleAfter) || idleAfter < 0) {
    throw new RangeError(
      `Invalid idleAfter ${idleAfter}: expected non-negative milliseconds`,
    );
  }
  const { from, to } = windowMillis(options.window);
  const activity = activityByEnvironment(options.activity);
  const result = zeroCost();
  for (const interval of intervals) {
    const spans = idleSpans(
      interval,
      activity.get(interval.environmentId) ?? [],
      idleAfter,
      from,
      to,
    );
    for (const [spanFrom, spanTo] of spans) {
      addCost(
        result,
        costOfInterval(interval, rates, { from: spanFrom, to: spanTo }),
      );
    }
  }
  return result;
}

/**
 * What auto-stops saved: for stopped intervals whose reason is `auto-stop`,
 * what compute (CPU + memory) and the managed database would have cost over
 * the stopped time inside the window. Storage is charged either way, so it is
 * never a saving (`storage` is 0).
 *
 * @public
 */
export function savingsFromAutoStop(options: {
  intervals: readonly CostInterval[];
  rates: PriceRates;
  window: CostWindow;
}): CostBreakdown {
  const { from, to } = windowMillis(options.window);
  const result = zeroCost();
  for (const interval of options.intervals) {
    const saved = autoStopSavingsOf(interval, options.rates, from, to);
    if (saved) addCost(result, saved);
  }
  return result;
}

/**
 * What one interval's auto-stop saved inside `[from, to)`, or `undefined`
 * when it is not an auto-stopped interval (most are not: no object for them).
 */
export function autoStopSavingsOf(
  interval: CostInterval,
  rates: PriceRates,
  from: number,
  to: number,
): CostBreakdown | undefined {
  if (interval.state !== 'stopped' || interval.reason !== AUTO_STOP_REASON) {
    return undefined;
  }
  const hours = clippedMillis(interval, from, to) / HOUR_MS;
  const hourly = hourlyRates(interval, rates);
  const compute = hours * hourly.compute;
  const database = hours * hourly.database;
  return { total: compute + database, compute, storage: 0, database, hours };
}
