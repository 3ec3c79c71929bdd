import type { CostAmounts } from './amounts';
import { costOfInterval } from './costOfInterval';
import { activityByEnvironment, autoStopSavingsOf, idleSpans } from './idle';
import type { PriceRates } from './rates';
import { type Span, unionMillis } from './spans';
import { HOUR_MS } from './time';
import type { ActivityEvent, CostInterval } from './types';
import type { CostEnvironment } from './summarize';

/**
 * Adds the cost of each interval of a listed environment over `[from, to)`
 * into the amounts `amountsOf` gives for its environment, in the intervals'
 * order, then each environment's idle hours. The one loop behind
 * `summarizeCost` (amounts per group) and `costAmountsByEnvironment`
 * (amounts per environment), so both add the same numbers in the same order.
 *
 * @returns the instance classes the rates have no price for
 */
export function addIntervalCosts(
  input: {
    environments: ReadonlyMap<string, CostEnvironment>;
    intervals: readonly CostInterval[];
    activity: readonly ActivityEvent[];
    rates: PriceRates;
    defaultIdleAfter: number;
  },
  window: { from: number; to: number },
  amountsOf: (environment: CostEnvironment) => CostAmounts,
): Set<string> {
  const { environments, rates } = input;
  const { from, to } = window;
  const activity = activityByEnvironment(input.activity);
  const unpriced = new Set<string>();
  const idleSpansByEnvironment = new Map<string, Span[]>();

  for (const interval of input.intervals) {
    const environment = environments.get(interval.environmentId);
    if (!environment) continue;
    const amounts = amountsOf(environment);
    if (
      interval.instanceClass &&
      rates.managedDatabaseHourly[interval.instanceClass] === undefined
    ) {
      unpriced.add(interval.instanceClass);
    }
    const cost = costOfInterval(interval, rates, window);
    amounts.total += cost.total;
    amounts.compute += cost.compute;
    amounts.storage += cost.storage;
    amounts.database += cost.database;

    const spans = idleSpans(
      interval,
      activity.get(interval.environmentId) ?? [],
      environment.idleAfter ?? input.defaultIdleAfter,
      from,
      to,
    );
    let environmentSpans = idleSpansByEnvironment.get(environment.id);
    if (!environmentSpans) {
      environmentSpans = [];
      idleSpansByEnvironment.set(environment.id, environmentSpans);
    }
    // Only the totals are kept: a number, not a breakdown per interval.
    let idle = 0;
    for (const span of spans) {
      environmentSpans.push(span);
      idle += costOfInterval(interval, rates, {
        from: span[0],
        to: span[1],
      }).total;
    }
    amounts.idle += idle;
    const saved = autoStopSavingsOf(interval, rates, from, to);
    if (saved) amounts.savings += saved.total;
  }

  for (const [environmentId, spans] of idleSpansByEnvironment) {
    amountsOf(environments.get(environmentId)!).idleHours +=
      unionMillis(spans) / HOUR_MS;
  }
  return unpriced;
}
