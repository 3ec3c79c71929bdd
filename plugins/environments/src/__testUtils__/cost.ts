import {
  DEFAULT_PRICE_RATES,
  topCostRows,
  type CostGroupBy,
  type PriceRates,
} from '@greenroom/plugin-environments-common';
import { http, HttpResponse } from 'msw';
import type { SetupServer } from 'msw/node';
import type {
  ApiCostRow,
  CostSeriesResponse,
  CostSummaryResponse,
} from '../api';
import type {
  ApiSharingSavings,
  ApiSharingSavingsTotals,
} from '@greenroom/plugin-environments-common';
import { TEST_BACKEND_URL } from './testApp';

/** The default rates, as a report carries them. */
export const testRates: PriceRates = {
  ...DEFAULT_PRICE_RATES,
  managedDatabaseHourly: { ...DEFAULT_PRICE_RATES.managedDatabaseHourly },
};

/** A cost row; the parts default to zero and `total` to compute + storage + database. */
export function makeCostRow(
  overrides: Partial<ApiCostRow> & Pick<ApiCostRow, 'key'>,
): ApiCostRow {
  const row: ApiCostRow = {
    currency: 'USD',
    compute: 0,
    storage: 0,
    database: 0,
    idle: 0,
    savings: 0,
    total: 0,
    ...overrides,
  };
  if (overrides.total === undefined) {
    row.total = row.compute + row.storage + row.database;
  }
  return row;
}

/** A summary whose totals add its rows up, as the backend's do. */
export function makeCostSummary(
  rows: ApiCostRow[],
  overrides: Partial<CostSummaryResponse> = {},
): CostSummaryResponse {
  const totals = makeCostRow({ key: 'total', total: 0 });
  let anyIdleHours = false;
  for (const row of rows) {
    totals.total += row.total;
    totals.compute += row.compute;
    totals.storage += row.storage;
    totals.database += row.database;
    totals.idle += row.idle;
    totals.savings += row.savings;
    if (row.idleHours !== undefined) {
      anyIdleHours = true;
      totals.idleHours = (totals.idleHours ?? 0) + row.idleHours;
    }
  }
  if (!anyIdleHours) delete totals.idleHours;
  return {
    groupBy: 'environment',
    from: '2026-11-01T00:00:00.000Z',
    to: '2026-11-23T12:00:00.000Z',
    currency: 'USD',
    rates: testRates,
    rows,
    totals,
    unpricedInstanceClasses: [],
    ...overrides,
  };
}

/** A daily series; `series` maps each key to its daily totals. */
export function makeCostSeries(
  days: string[],
  series: Record<string, number[]>,
  groupBy: CostGroupBy = 'environment',
): CostSeriesResponse {
  return {
    groupBy,
    granularity: 'day',
    from: `${days[0]}T00:00:00.000Z`,
    to: `${days[days.length - 1]}T23:59:59.000Z`,
    currency: 'USD',
    rates: testRates,
    days,
    series: Object.entries(series)
      .map(([key, totals]) => ({
        key,
        totals,
        total: totals.reduce((sum, amount) => sum + amount, 0),
      }))
      .sort((a, b) => b.total - a.total),
  };
}

/**
 * Answers `GET /cost/summary` and `GET /cost/series` with what `answer`
 * returns for each request's query (an Error → a 500; a summary cut to the
 * query's `limit` as the backend does), and records the queries, summary and
 * series apart.
 */
export function serveCost(
  server: SetupServer,
  answer: {
    summary?: (params: URLSearchParams) => CostSummaryResponse | Error;
    series?: (params: URLSearchParams) => CostSeriesResponse | Error;
    /** What sharing saved the environment; by default it shares no base. */
    sharing?: (name: string) => ApiSharingSavings;
    /** What sharing saved all environments; by default none shares a base. */
    sharingTotals?: () => ApiSharingSavingsTotals;
  } = {},
): { summary: URLSearchParams[]; series: URLSearchParams[] } {
  const requests = {
    summary: [] as URLSearchParams[],
    series: [] as URLSearchParams[],
  };
  const reply = (body: unknown) =>
    body instanceof Error
      ? HttpResponse.json(
          {
            error: { name: 'Error', message: body.message },
            response: { statusCode: 500 },
          },
          { status: 500 },
        )
      : HttpResponse.json(body as any);
  server.use(
    http.get(`${TEST_BACKEND_URL}/cost/summary`, ({ request }) => {
      const params = new URL(request.url).searchParams;
      requests.summary.push(params);
      const summary = answer.summary?.(params) ?? makeCostSummary([]);
      const limit = params.get('limit');
      return reply(
        summary instanceof Error || limit === null
          ? summary
          : topCostRows(summary, Number(limit)),
      );
    }),
    http.get(`${TEST_BACKEND_URL}/cost/series`, ({ request }) => {
      const params = new URL(request.url).searchParams;
      requests.series.push(params);
      return reply(
        answer.series?.(params) ?? makeCostSeries(['2026-11-01'], {}),
      );
    }),
    http.get(`${TEST_BACKEND_URL}/cost/sharing`, () =>
      reply(
        answer.sharingTotals?.() ?? {
          from: '2026-11-01T00:00:00.000Z',
          to: '2026-11-23T12:00:00.000Z',
          currency: 'USD',
          saved: { total: 0, compute: 0, storage: 0, database: 0 },
          environments: [],
        },
      ),
    ),
    http.get(
      `${TEST_BACKEND_URL}/environments/:name/cost/sharing`,
      ({ params }) => {
        const name = String(params.name);
        return reply(
          answer.sharing?.(name) ?? {
            environment: name,
            from: '2026-11-01T00:00:00.000Z',
            to: '2026-11-23T12:00:00.000Z',
            currency: 'USD',
            runningHours: 0,
            saved: { total: 0, compute: 0, storage: 0, database: 0 },
            services: [],
          },
        );
      },
    ),
  );
  return requests;
}
