import type {
  EnvironmentsApiPaths,
  EnvironmentsApiSchemas,
} from '@greenroom/plugin-environments-common';

/**
 * What a cost report covers, as the spec has it. Dates are `YYYY-MM-DD`
 * (UTC) and the window is `[from, to)`; without them the backend reports the
 * current UTC month so far. The filters (`owner`, `system`: entity refs;
 * `mode`; `environment`: a name) restrict the report to the matching
 * environments; `groupBy` defaults to `environment`.
 *
 * @public
 */
export type CostQuery = NonNullable<
  EnvironmentsApiPaths['/cost/summary']['get']['parameters']['query']
>;

/**
 * Query of {@link EnvironmentsApi.getCostSeries}; `granularity` is only
 * `day` for now, the backend's default.
 *
 * @public
 */
export type CostSeriesQuery = NonNullable<
  EnvironmentsApiPaths['/cost/series']['get']['parameters']['query']
>;

/**
 * A row of a cost report as the API returns it; `idleHours` is read as
 * optional so that the pages also show reports of backends without it.
 *
 * @public
 */
export type ApiCostRow = Omit<
  EnvironmentsApiSchemas['CostRow'],
  'idleHours'
> & {
  idleHours?: number;
};

/**
 * The answer of {@link EnvironmentsApi.getCostSummary}; `projectedMonth` is
 * there when the window is the current month so far.
 *
 * @public
 */
export type CostSummaryResponse = Omit<
  EnvironmentsApiSchemas['CostSummary'],
  'rows' | 'totals'
> & {
  rows: ApiCostRow[];
  totals: ApiCostRow;
};

/**
 * The answer of {@link EnvironmentsApi.getCostSeries}.
 *
 * @public
 */
export type CostSeriesResponse = EnvironmentsApiSchemas['CostSeries'];
