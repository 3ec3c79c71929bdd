import { type CostAmounts, zeroCostAmounts } from './amounts';
import { addIntervalCosts } from './intervalCosts';
import { type CostSummaryInput, DEFAULT_IDLE_AFTER_MS } from './summarize';
import { windowMillis } from './time';

/**
 * The amounts `summarizeCost` would give each listed environment with
 * `groupBy: 'environment'`, keyed by environment id, figure for figure, but
 * without a row per environment nor sorting them: a report that adds a live
 * segment to thousands of rolled-up environments groups and sorts once, at
 * the end. Environments without intervals are left out (their amounts are 0).
 *
 * @public
 */
export function costAmountsByEnvironment(
  input: Omit<CostSummaryInput, 'groupBy'>,
): { amounts: Map<string, CostAmounts>; unpricedInstanceClasses: string[] } {
  const amounts = new Map<string, CostAmounts>();
  const unpriced = addIntervalCosts(
    {
      environments: new Map(input.environments.map(e => [e.id, e])),
      intervals: input.intervals,
      activity: input.activity,
      rates: input.rates,
      defaultIdleAfter: input.idleAfter ?? DEFAULT_IDLE_AFTER_MS,
    },
    windowMillis(input),
    environment => {
      let sum = amounts.get(environment.id);
      if (!sum) {
        sum = zeroCostAmounts();
        amounts.set(environment.id, sum);
      }
      return sum;
    },
  );
  return { amounts, unpricedInstanceClasses: [...unpriced].sort() };
}
