import type { CostGroupBy } from '@greenroom/plugin-environments-common';
import { filterText, withoutEmptyValues } from '../../lib/urlFilters';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The windows the costs page offers. */
export type CostRange = 'this-month' | 'last-month' | 'last-30-days' | 'custom';

export const COST_RANGES: ReadonlyArray<CostRange> = [
  'this-month',
  'last-month',
  'last-30-days',
  'custom',
];

/** What the cost chart can stack by. */
export type CostChartGroupBy = Exclude<CostGroupBy, 'environment'>;

export const COST_CHART_GROUP_BYS: ReadonlyArray<CostChartGroupBy> = [
  'owner',
  'system',
  'mode',
];

/**
 * The filters of the costs page. They live in the URL as
 * `?filters[range]=custom&filters[from]=2026-10-01&filters[owner]=…`, like
 * the environment list's, so a view can be shared as a link. `from` and `to`
 * (both inclusive days, `YYYY-MM-DD`) only count for the custom range.
 */
export interface CostPageFilters {
  range?: CostRange;
  from?: string;
  to?: string;
  groupBy?: CostChartGroupBy;
  /** Entity ref of a Group. */
  owner?: string;
}

/** A report window as the API takes it: `[from, to)`, days in UTC. */
export interface CostApiWindow {
  from: string;
  to?: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function day(value: unknown): string | undefined {
  const candidate = filterText(value);
  return candidate &&
    DAY.test(candidate) &&
    Number.isFinite(Date.parse(candidate))
    ? candidate
    : undefined;
}

/** Reads the filters from the query string, dropping what makes no sense. */
export function parseCostFilters(raw: unknown): CostPageFilters {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    return {};
  }
  const record = raw as Record<string, unknown>;
  const range = COST_RANGES.find(r => r === filterText(record.range));
  const groupBy = COST_CHART_GROUP_BYS.find(
    g => g === filterText(record.groupBy),
  );
  const filters: CostPageFilters = {
    range,
    groupBy,
    owner: filterText(record.owner),
  };
  if (range === 'custom') {
    filters.from = day(record.from);
    filters.to = day(record.to);
  }
  return withoutEmptyValues(filters);
}

/** `YYYY-MM-DD` of the UTC day that contains `millis`. */
export function utcDay(millis: number): string {
  return new Date(millis).toISOString().slice(0, 10);
}

/** The day after `day` (`YYYY-MM-DD`). */
export function nextDay(dayString: string): string {
  return utcDay(Date.parse(dayString) + DAY_MS);
}

function monthStart(now: Date, monthsBack: number): string {
  return utcDay(
    Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - monthsBack, 1),
  );
}

/** The current UTC month so far; the backend ends it at now. */
export function thisMonthWindow(now: Date): CostApiWindow {
  return { from: monthStart(now, 0) };
}

/** The previous full UTC month. */
export function lastMonthWindow(now: Date): CostApiWindow {
  return { from: monthStart(now, 1), to: monthStart(now, 0) };
}

/**
 * The API window of a range. `last-30-days` is today and the 29 days before
 * it; a custom range runs from `from` through `to` (both inclusive) and falls
 * back to this month without a start.
 */
export function rangeWindow(
  filters: Pick<CostPageFilters, 'range' | 'from' | 'to'>,
  now: Date,
): CostApiWindow {
  switch (filters.range) {
    case 'last-month':
      return lastMonthWindow(now);
    case 'last-30-days': {
      const today = utcDay(now.getTime());
      return {
        from: utcDay(Date.parse(today) - 29 * DAY_MS),
        to: nextDay(today),
      };
    }
    case 'custom':
      if (filters.from) {
        return filters.to
          ? { from: filters.from, to: nextDay(filters.to) }
          : { from: filters.from };
      }
      return thisMonthWindow(now);
    default:
      return thisMonthWindow(now);
  }
}
