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
export type CostQuery = Omit<CostSummaryQuery, 'limit'>;

/**
 * Query of {@link EnvironmentsApi.getCostSummary}: a {@link CostQuery} and
 * `limit`, to receive only the rows of the highest totals (`rowCount` and
 * `totals` still cover every row).
 *
 * @public
 */
export type CostSummaryQuery = NonNullable<
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
 * A row of a cost report as the API returns it; `idleHours` and `source`
 * are read as optional so that the pages also show reports of backends
 * without them.
 *
 * @public
 */
export type ApiCostRow = Omit<
  EnvironmentsApiSchemas['CostRow'],
  'idleHours' | 'source'
> & {
  idleHours?: number;
  source?: string;
};

/**
 * The answer of {@link EnvironmentsApi.getCostSummary}; `projectedMonth` is
 * there when the window is the current month so far.
 *
 * @public
 */
export type CostSummaryResponse = Omit<
  EnvironmentsApiSchemas['CostSummary'],
  'rows' | 'rowCount' | 'totals' | 'source' | 'sourceFallbackDays'
> & {
  rows: ApiCostRow[];
  /** How many rows there are in all (`rows` holds at most `limit`); absent from older backends. */
  rowCount?: number;
  totals: ApiCostRow;
  /** Where the figures come from (`estimate`, `opencost`, ...); absent from older backends. */
  source?: string;
  sourceFallbackDays?: string[];
};

/**
 * The answer of {@link EnvironmentsApi.getCostSeries}.
 *
 * @public
 */
export type CostSeriesResponse = EnvironmentsApiSchemas['CostSeries'];
