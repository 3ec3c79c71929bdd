import type { CostSeriesResponse } from '../../api';

/**
 * How the cost chart's groups are shown, without recharts: the page and the
 * dialogs that explain a bar use it, and the chart's chunk loads on its own.
 */

/** How many groups get their own bar; the rest are added up as "Other". */
export const MAX_SERIES = 8;

export const OTHER_SERIES = 'Other';

/** A bar or group of the chart someone asked about: a group's key, or the groups added up as "Other". */
export type CostSeriesSelection =
  | { key: string; other?: undefined; day?: string }
  | { key?: undefined; other: true; day?: string };

/** The groups with a bar of their own, and those added up as "Other". */
export function seriesGroups(series: CostSeriesResponse) {
  return {
    shown: series.series.slice(0, MAX_SERIES),
    other: series.series.slice(MAX_SERIES),
  };
}
