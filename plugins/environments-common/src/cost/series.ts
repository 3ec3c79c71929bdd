import { costOfInterval } from './costOfInterval';
import type { PriceRates } from './rates';
import {
  type CostEnvironment,
  type CostGroupBy,
  costGroupKey,
  sortCostRows,
} from './summarize';
import { DAY_MS, toMillis, windowMillis } from './time';
import type { CostInterval } from './types';

/** @public */
export interface CostSeriesInput {
  environments: readonly CostEnvironment[];
  intervals: readonly CostInterval[];
  rates: PriceRates;
  from: string | number | Date;
  to: string | number | Date;
  groupBy: CostGroupBy;
  granularity: 'day';
  /**
   * Days already priced (the daily rollup, possibly from a cluster cost
   * source): their totals per environment are taken as they are, and the
   * intervals are priced only on the other days.
   */
  rolled?: {
    days: ReadonlySet<string>;
    totals: ReadonlyArray<{
      day: string;
      environmentId: string;
      total: number;
    }>;
  };
}

/** @public */
export interface CostSeries {
  groupBy: CostGroupBy;
  granularity: 'day';
  from: string;
  to: string;
  currency: string;
  /** The rates every figure was computed from. */
  rates: PriceRates;
  /** UTC days (`YYYY-MM-DD`) the window touches, in order. */
  days: string[];
  /** One entry per group, highest total first; `totals[i]` is the cost on `days[i]`. */
  series: Array<{ key: string; total: number; totals: number[] }>;
}

/**
 * Per-UTC-day cost totals per group over `[from, to)`. The first and last
 * days are clipped to the window. Full precision.
 *
 * @public
 */
export function costSeries(input: CostSeriesInput): CostSeries {
  if (input.granularity !== 'day') {
    throw new RangeError(
      `Invalid granularity ${JSON.stringify(
        input.granularity,
      )}: expected 'day'`,
    );
  }
  const { rates, groupBy } = input;
  const { from, to } = windowMillis(input);
  const dayStarts: number[] = [];
  // An empty window touches no day.
  const firstDay = from < to ? Math.floor(from / DAY_MS) * DAY_MS : to;
  for (let day = firstDay; day < to; day += DAY_MS) {
    dayStarts.push(day);
  }
  type Group = { key: string; total: number; totals: number[] };
  const groups = new Map<string, Group>();
  // Each environment's group, looked up once: rolled-up totals come as a
  // row per environment and day.
  const groupOf = new Map<string, Group>();
  for (const environment of input.environments) {
    const key = costGroupKey(environment, groupBy);
    let group = groups.get(key);
    if (!group) {
      group = { key, total: 0, totals: new Array(dayStarts.length).fill(0) };
      groups.set(key, group);
    }
    groupOf.set(environment.id, group);
  }
  const days = dayStarts.map(day => new Date(day).toISOString().slice(0, 10));
  const rolledDays = input.rolled?.days ?? new Set<string>();
  const isRolled = days.map(day => rolledDays.has(day));
  for (const interval of input.intervals) {
    const group = groupOf.get(interval.environmentId);
    if (!group) continue;
    const started = toMillis(interval.startedAt);
    const ended =
      interval.endedAt === undefined ? to : toMillis(interval.endedAt);
    // Only the days the interval overlaps (from the one it starts in), in
    // order: a month of days per interval would be mostly empty ones.
    const firstIndex = Math.max(0, Math.floor((started - firstDay) / DAY_MS));
    for (let index = firstIndex; index < dayStarts.length; index++) {
      const dayStart = dayStarts[index];
      const dayFrom = Math.max(dayStart, from);
      const dayTo = Math.min(dayStart + DAY_MS, to);
      if (ended <= dayFrom) break;
      if (started >= dayTo || isRolled[index]) continue;
      const { total } = costOfInterval(interval, rates, {
        from: dayFrom,
        to: dayTo,
      });
      group.totals[index] += total;
      group.total += total;
    }
  }
  const dayIndex = new Map(days.map((day, index) => [day, index]));
  // Rows of one day tend to come together: the day's index is looked up
  // again only when the day changes.
  let lastDay: string | undefined;
  let index: number | undefined;
  for (const { day, environmentId, total } of input.rolled?.totals ?? []) {
    if (day !== lastDay) {
      lastDay = day;
      index = dayIndex.get(day);
    }
    const group = groupOf.get(environmentId);
    if (index === undefined || !isRolled[index] || !group) continue;
    group.totals[index] += total;
    group.total += total;
  }
  return {
    groupBy,
    granularity: 'day',
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    currency: rates.currency,
    rates,
    days,
    series: sortCostRows([...groups.values()]),
  };
}
