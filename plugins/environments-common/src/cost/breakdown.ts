import {
  addCost,
  clippedMillis,
  costOfInterval,
  hourlyRates,
  zeroCost,
} from './costOfInterval';
import { idleSpans, savingsFromAutoStop } from './idle';
import type { PriceRates } from './rates';
import { type Span, unionMillis } from './spans';
import { HOUR_MS, toMillis, windowMillis } from './time';
import type { CostBreakdown, CostInterval, CostWindow } from './types';

/**
 * Where a figure comes from: `estimate` (configured rates applied to the
 * ledger), `aws-price-file`, a price module's name, a cluster cost source
 * (`opencost`, `kubecost`), or several joined with `+`.
 *
 * @public
 */
export type CostSource = string;

/** One ledger interval as it counts in a window: clipped times, what it reserved, its hourly rates and cost. @public */
export interface CostBreakdownInterval {
  service: string;
  state: 'running' | 'stopped';
  /** The interval's start and end clipped to the window (ISO 8601). */
  startedAt: string;
  endedAt: string;
  /** The interval goes on past the window's end (or is still open). */
  open: boolean;
  cpuCores: number;
  memoryGb: number;
  storageGb: number;
  instanceClass?: string;
  reason?: string;
  /** Hourly prices of what it reserved, per part (charged per its state). */
  hourly: { compute: number; storage: number; database: number };
  /** Its cost in the window, full precision; `hours` inside the window. */
  cost: CostBreakdown;
  /** The part of `cost` that ran while the environment was idle; `hours` of it. */
  idle: CostBreakdown;
  /** What running would have cost while auto-stopped (compute and database); `hours` stopped. */
  saved: CostBreakdown;
}

/** How an environment's cost over a window was computed. @public */
export interface EnvironmentCostBreakdown {
  environment: string;
  from: string;
  to: string;
  currency: string;
  rates: PriceRates;
  source: CostSource;
  /** What the cost reports show instead, when a cluster cost source replaced days of it. */
  reported?: { total: number; source: string };
  /** The intervals inside the window, oldest first; at most `limit`. */
  intervals: CostBreakdownInterval[];
  /** Intervals inside the window, listed or not. */
  intervalCount: number;
  /** More intervals than listed; totals still count them all. */
  truncated: boolean;
  /** Every interval of the window added up, full precision. */
  totals: CostBreakdown;
  /** Every interval's idle part added up; `hours` counts idle time once however many services ran. */
  idle: CostBreakdown;
  /** Every auto-stopped interval's saving added up. */
  savings: CostBreakdown;
  /** Milliseconds without activity after which the environment counted as idle. */
  idleAfterMs: number;
  unpricedInstanceClasses: string[];
}

const iso = (millis: number) => new Date(millis).toISOString();

/**
 * Explains an environment's cost over `[from, to)`: each of its ledger
 * intervals clipped to the window with its rates and cost, and the totals —
 * the same `costOfInterval` sums the cost reports add up.
 *
 * @public
 */
export function costBreakdown(input: {
  environment: string;
  intervals: readonly CostInterval[];
  rates: PriceRates;
  window: CostWindow;
  /** The most intervals listed (totals count all). */
  limit: number;
  source?: CostSource;
  /** The environment's activity, ascending epoch ms, from `idleAfter` before the window. */
  activity: readonly number[];
  /** Milliseconds without activity after which the environment is idle. */
  idleAfter: number;
}): EnvironmentCostBreakdown {
  const { from, to } = windowMillis(input.window);
  const { rates, activity, idleAfter } = input;
  const totals = zeroCost();
  const idle = zeroCost();
  const savings = zeroCost();
  const idleTime: Span[] = [];
  const unpriced = new Set<string>();
  const inside = input.intervals
    .filter(interval => clippedMillis(interval, from, to) > 0)
    .sort((a, b) => toMillis(a.startedAt) - toMillis(b.startedAt));
  const listed: CostBreakdownInterval[] = [];
  for (const interval of inside) {
    const cost = costOfInterval(interval, rates, { from, to });
    addCost(totals, cost);
    // The same idle spans and savings the cost reports count.
    const idlePart = zeroCost();
    for (const [spanFrom, spanTo] of idleSpans(
      interval,
      activity,
      idleAfter,
      from,
      to,
    )) {
      idleTime.push([spanFrom, spanTo]);
      addCost(
        idlePart,
        costOfInterval(interval, rates, { from: spanFrom, to: spanTo }),
      );
    }
    addCost(idle, idlePart);
    const saved = savingsFromAutoStop({
      intervals: [interval],
      rates,
      window: { from, to },
    });
    addCost(savings, saved);
    const instanceClass = interval.instanceClass;
    if (instanceClass && !(instanceClass in rates.managedDatabaseHourly)) {
      unpriced.add(instanceClass);
    }
    if (listed.length >= input.limit) continue;
    const start = Math.max(toMillis(interval.startedAt), from);
    const end =
      interval.endedAt === undefined
        ? to
        : Math.min(toMillis(interval.endedAt), to);
    listed.push({
      service: interval.serviceName,
      state: interval.state,
      startedAt: iso(start),
      endedAt: iso(end),
      open: interval.endedAt === undefined || toMillis(interval.endedAt) > to,
      cpuCores: interval.cpuCores,
      memoryGb: interval.memoryGb,
      storageGb: interval.storageGb,
      ...(instanceClass ? { instanceClass } : {}),
      ...(interval.reason ? { reason: interval.reason } : {}),
      hourly: hourlyRates(interval, rates),
      cost,
      idle: idlePart,
      saved,
    });
  }
  return {
    environment: input.environment,
    from: iso(from),
    to: iso(to),
    currency: rates.currency,
    rates,
    source: input.source ?? 'estimate',
    intervals: listed,
    intervalCount: inside.length,
    truncated: inside.length > listed.length,
    totals,
    idle: { ...idle, hours: unionMillis(idleTime) / HOUR_MS },
    savings,
    idleAfterMs: idleAfter,
    unpricedInstanceClasses: [...unpriced].sort(),
  };
}
