import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { environmentsTranslationRef } from '../../translation';
import type { CostChartGroupBy, CostPageFilters, CostRange } from './ranges';

/** The messages of each range, under `costRanges` and `costPeriods`. */
const RANGE_MESSAGES = {
  'this-month': 'thisMonth',
  'last-month': 'lastMonth',
  'last-30-days': 'last30Days',
  custom: 'custom',
} as const;

/** The words of the cost pages for their ranges and groupings. */
export function useCostTexts() {
  const { t } = useTranslationRef(environmentsTranslationRef);
  return {
    /** A range as the range select offers it: "Last 30 days". */
    rangeOption: (range: CostRange): string =>
      t(`costRanges.${RANGE_MESSAGES[range]}`),
    /**
     * The window of the filters as captions name it: "this month", "the last
     * 30 days", "2026-10-01 to today"; a custom range without a start is this
     * month, as its window is.
     */
    period: (
      filters: Pick<CostPageFilters, 'range' | 'from' | 'to'>,
    ): string => {
      const range = filters.range ?? 'this-month';
      if (range === 'custom') {
        return filters.from
          ? t('costPeriods.between', {
              from: filters.from,
              to: filters.to ?? t('costPeriods.today'),
            })
          : t('costPeriods.thisMonth');
      }
      return t(`costPeriods.${RANGE_MESSAGES[range]}`);
    },
    /** What the chart can stack by: "Team". */
    groupByOption: (groupBy: CostChartGroupBy): string =>
      t(`costGroupBys.${groupBy}`),
  };
}
