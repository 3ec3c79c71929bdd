import {
  addCostAmounts,
  type CostAmounts,
  DEFAULT_PRICE_RATES,
  zeroCostAmounts,
} from '@greenroom/plugin-environments-common';
import type {
  ApiCostRow,
  ApiEnvironment,
  CostQuery,
  CostSeriesResponse,
  CostSummaryResponse,
} from '../src';

const DAY_MS = 24 * 60 * 60 * 1000;

/** What each sample environment costs a day, by mode. */
const DAILY: Record<string, number> = {
  production: 9.6,
  staging: 4.2,
  development: 2.1,
  preview: 0.9,
};

function window(query: CostQuery) {
  const now = new Date();
  const from = query.from
    ? Date.parse(query.from)
    : Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1);
  const to = Math.min(
    query.to ? Date.parse(query.to) : now.getTime(),
    now.getTime(),
  );
  return { from, to: Math.max(from, to) };
}

function keyOf(environment: ApiEnvironment, groupBy: CostQuery['groupBy']) {
  switch (groupBy) {
    case 'owner':
      return environment.owner;
    case 'system':
      return environment.system;
    case 'mode':
      return environment.mode;
    default:
      return environment.name;
  }
}

function matching(environments: ApiEnvironment[], query: CostQuery) {
  return environments.filter(
    e =>
      (!query.owner || e.owner === query.owner) &&
      (!query.system || e.system === query.system) &&
      (!query.mode || e.mode === query.mode) &&
      (!query.environment || e.name === query.environment),
  );
}

/** A made-up but consistent cost report of the sample environments, for the dev app. */
export function sampleCostSummary(
  environments: ApiEnvironment[],
  query: CostQuery,
): CostSummaryResponse {
  const { from, to } = window(query);
  const days = (to - from) / DAY_MS;
  const rows = new Map<string, ApiCostRow & CostAmounts>();
  for (const environment of matching(environments, query)) {
    const key = keyOf(environment, query.groupBy);
    const row = rows.get(key) ?? {
      key,
      currency: 'USD',
      ...zeroCostAmounts(),
    };
    const total = (DAILY[environment.mode] ?? 1) * days;
    const idleShare = environment.mode === 'production' ? 0 : 0.3;
    row.total += total;
    row.compute += total * 0.7;
    row.storage += total * 0.1;
    row.database += total * 0.2;
    row.idle += total * idleShare;
    row.idleHours = (row.idleHours ?? 0) + days * 24 * idleShare;
    row.savings += environment.mode === 'preview' ? total * 0.5 : 0;
    rows.set(key, row);
  }
  const sorted = [...rows.values()].sort((a, b) => b.total - a.total);
  const totals: ApiCostRow & CostAmounts = {
    key: 'total',
    currency: 'USD',
    ...zeroCostAmounts(),
  };
  for (const row of sorted) addCostAmounts(totals, row);
  const now = new Date();
  const monthStart = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1);
  const monthEnd = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1);
  return {
    groupBy: query.groupBy ?? 'environment',
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    currency: 'USD',
    rates: {
      ...DEFAULT_PRICE_RATES,
      managedDatabaseHourly: { ...DEFAULT_PRICE_RATES.managedDatabaseHourly },
    },
    rows: sorted,
    totals,
    unpricedInstanceClasses: [],
    ...(from === monthStart && !query.to
      ? {
          projectedMonth:
            (totals.total / (to - from)) * (monthEnd - monthStart),
        }
      : {}),
  };
}

/** The daily series of {@link sampleCostSummary}. */
export function sampleCostSeries(
  environments: ApiEnvironment[],
  query: CostQuery,
): CostSeriesResponse {
  const { from, to } = window(query);
  const dayStarts: number[] = [];
  for (let day = Math.floor(from / DAY_MS) * DAY_MS; day < to; day += DAY_MS) {
    dayStarts.push(day);
  }
  const series = new Map<
    string,
    { key: string; total: number; totals: number[] }
  >();
  for (const environment of matching(environments, query)) {
    const key = keyOf(environment, query.groupBy);
    const entry = series.get(key) ?? {
      key,
      total: 0,
      totals: dayStarts.map(() => 0),
    };
    dayStarts.forEach((day, index) => {
      const hours = (Math.min(day + DAY_MS, to) - Math.max(day, from)) / DAY_MS;
      // Weekends cost less: previews and development stop.
      const weekend = [0, 6].includes(new Date(day).getUTCDay());
      const amount =
        (DAILY[environment.mode] ?? 1) *
        hours *
        (weekend && environment.mode !== 'production' ? 0.3 : 1);
      entry.totals[index] += amount;
      entry.total += amount;
    });
    series.set(key, entry);
  }
  const summary = sampleCostSummary(environments, query);
  return {
    groupBy: summary.groupBy,
    granularity: 'day',
    from: summary.from,
    to: summary.to,
    currency: 'USD',
    rates: summary.rates,
    days: dayStarts.map(day => new Date(day).toISOString().slice(0, 10)),
    series: [...series.values()].sort((a, b) => b.total - a.total),
  };
}
