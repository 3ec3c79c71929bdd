import type { ChangeStatistic, DateAggregation, Trendline } from './types';
import type { DayWindow } from './intervals';

/**
 * The least-squares line through the daily amounts, with x in epoch seconds
 * (as Cost Insights draws it: `slope × Date.parse(date) / 1000 + intercept`).
 * Computed around the means, so the large x values lose no precision. With
 * fewer than two days the line is flat at the mean.
 */
export function trendlineOf(aggregation: DateAggregation[]): Trendline {
  const n = aggregation.length;
  if (n === 0) return { slope: 0, intercept: 0 };
  const xs = aggregation.map(a => Date.parse(a.date) / 1000);
  const ys = aggregation.map(a => a.amount);
  const meanX = xs.reduce((sum, x) => sum + x, 0) / n;
  const meanY = ys.reduce((sum, y) => sum + y, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i] - meanX) * (ys[i] - meanY);
    sxx += (xs[i] - meanX) ** 2;
  }
  if (sxx === 0) return { slope: 0, intercept: meanY };
  const slope = sxy / sxx;
  return { slope, intercept: meanY - slope * meanX };
}

/** `b` against `a`: amount = b − a, ratio = (b − a) / a when a is not 0. */
export function changeBetween(a: number, b: number): ChangeStatistic {
  return a === 0 ? { amount: b - a } : { ratio: (b - a) / a, amount: b - a };
}

/** The sum of the amounts of the days in `[from, to)`. */
export function sumIn(
  aggregation: DateAggregation[],
  period: DayWindow,
): number {
  return aggregation
    .filter(a => a.date >= period.from && a.date < period.to)
    .reduce((sum, a) => sum + a.amount, 0);
}

/**
 * The last period against the one before it; undefined with a single
 * period, which has nothing to compare with.
 */
export function changeOf(
  aggregation: DateAggregation[],
  periods: DayWindow[],
): ChangeStatistic | undefined {
  if (periods.length < 2) return undefined;
  return changeBetween(
    sumIn(aggregation, periods[periods.length - 2]),
    sumIn(aggregation, periods[periods.length - 1]),
  );
}
