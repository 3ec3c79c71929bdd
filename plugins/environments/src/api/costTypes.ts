import type {
  CostGroupBy,
  CostRow,
  CostSeries,
  CostSummary,
} from '@greenroom/plugin-environments-common';

/**
 * What a cost report covers. Dates are `YYYY-MM-DD` (UTC) and the window is
 * `[from, to)`; without them the backend reports the current UTC month so
 * far. The filters restrict the report to the matching environments.
 *
 * @public
 */
export interface CostQuery {
  /** Defaults to `environment` on the backend. */
  groupBy?: CostGroupBy;
  from?: string;
  to?: string;
  /** Entity ref of the owning Group, e.g. `group:default/team-shop`. */
  owner?: string;
  /** Entity ref of the System, e.g. `system:default/shop`. */
  system?: string;
  mode?: string;
  /** One environment, by name. */
  environment?: string;
}

/**
 * Query of {@link EnvironmentsApi.getCostSeries}.
 *
 * @public
 */
export interface CostSeriesQuery extends CostQuery {
  /** Only `day` for now, the backend's default. */
  granularity?: 'day';
}

/**
 * A row of a cost report as the API returns it: the `CostRow` of
 * `@greenroom/plugin-environments-common`, plus the hours running
 * environments sat idle in the window when the backend reports them.
 *
 * @public
 */
export type ApiCostRow = Omit<CostRow, 'idleHours'> & { idleHours?: number };

/**
 * The answer of {@link EnvironmentsApi.getCostSummary}; `projectedMonth` is
 * there when the window is the current month so far.
 *
 * @public
 */
export type CostSummaryResponse = Omit<CostSummary, 'rows' | 'totals'> & {
  rows: ApiCostRow[];
  totals: ApiCostRow;
  projectedMonth?: number;
};

/**
 * The answer of {@link EnvironmentsApi.getCostSeries}.
 *
 * @public
 */
export type CostSeriesResponse = CostSeries;

const COST_QUERY_KEYS = [
  'groupBy',
  'from',
  'to',
  'owner',
  'system',
  'mode',
  'environment',
  'granularity',
] as const satisfies ReadonlyArray<keyof CostSeriesQuery>;

/**
 * The query string of a cost request (with its leading `?`, or empty), in a
 * fixed order and without undefined or empty values.
 */
export function costQueryString(query: CostSeriesQuery = {}): string {
  const params = new URLSearchParams();
  for (const key of COST_QUERY_KEYS) {
    const value = query[key];
    if (value === undefined || value === '') {
      continue;
    }
    params.append(key, String(value));
  }
  const search = params.toString();
  return search ? `?${search}` : '';
}
