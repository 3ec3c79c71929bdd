import {
  addCost,
  clippedMillis,
  costOfInterval,
  zeroCost,
} from './costOfInterval';
import type { PriceRates } from './rates';
import { type Span, mergeSpans, subtractSpans } from './spans';
import { HOUR_MS, toMillis, windowMillis } from './time';
import type { CostBreakdown, CostInterval, CostWindow } from './types';

/** What a shared service would reserve in a full clone: the base's service as the ledger counts it. @public */
export type SharedReservation = Pick<
  CostInterval,
  'serviceName' | 'cpuCores' | 'memoryGb' | 'storageGb' | 'instanceClass'
>;

/** What sharing a base saved one environment in a window. @public */
export interface SharingSavings {
  /** All shared services together. */
  saved: CostBreakdown;
  /** Per shared service, full precision. */
  services: Array<{ name: string; saved: number }>;
  /** Hours the environment ran in the window. */
  runningHours: number;
}

/**
 * What a full clone would have cost on top of an environment that shares
 * its base: each shared service priced as if the environment had deployed
 * it, running while the environment ran and keeping its storage while the
 * environment was stopped, by the same formula as the ledger.
 *
 * @param intervals - the environment's own ledger intervals
 * @public
 */
export function sharingSavings(options: {
  intervals: ReadonlyArray<CostInterval>;
  shared: ReadonlyArray<SharedReservation>;
  rates: PriceRates;
  window: CostWindow;
}): SharingSavings {
  const { from, to } = windowMillis(options.window);
  const spanOf = (interval: CostInterval): Span => {
    const start = Math.max(toMillis(interval.startedAt), from);
    return [start, start + clippedMillis(interval, from, to)];
  };
  const running = mergeSpans(
    options.intervals.filter(i => i.state === 'running').map(spanOf),
  );
  const stopped = subtractSpans(options.intervals.map(spanOf), running);
  const saved = zeroCost();
  const services = options.shared.map(service => {
    const cost = zeroCost();
    for (const [state, spans] of [
      ['running', running],
      ['stopped', stopped],
    ] as const) {
      for (const [startedAt, endedAt] of spans) {
        addCost(
          cost,
          costOfInterval(
            { ...service, environmentId: '', state, startedAt, endedAt },
            options.rates,
            options.window,
          ),
        );
      }
    }
    addCost(saved, cost);
    return { name: service.serviceName, saved: cost.total };
  });
  saved.hours = running.reduce((sum, [a, b]) => sum + b - a, 0) / HOUR_MS;
  return {
    saved,
    services,
    runningHours: saved.hours,
  };
}
