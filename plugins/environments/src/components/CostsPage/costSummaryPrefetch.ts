import type {
  CostQuery,
  CostSummaryResponse,
  EnvironmentsApi,
} from '../../api';
import { parseCostFilters, rangeWindow } from './ranges';

// The costs page's first request, started while the page's code still loads.
// Kept in this module (in the app's main chunk) so that the page's chunk takes
// the same promise once it renders; each prefetch is taken at most once, so a
// retry or a later visit asks again.
let prefetched:
  | { key: string; summary: Promise<CostSummaryResponse> }
  | undefined;

/** A stable key of a query, for effect dependencies and the prefetch. */
export function costQueryKey(query: CostQuery | undefined): string {
  if (!query) return '';
  return JSON.stringify(
    Object.entries(query)
      .filter(([, value]) => value !== undefined && value !== '')
      .sort(([a], [b]) => a.localeCompare(b)),
  );
}

/** The query the costs page asks first: its selected window, by environment. */
export function selectedCostQuery(
  filters: ReturnType<typeof parseCostFilters>,
  now: Date,
): CostQuery {
  return {
    groupBy: 'environment',
    ...rangeWindow(filters, now),
    owner: filters.owner,
  };
}

/** The `filters[…]` values of a URL's query string. */
function filtersOf(search: string): Record<string, string> {
  const raw: Record<string, string> = {};
  new URLSearchParams(search).forEach((value, key) => {
    if (key.startsWith('filters[') && key.endsWith(']')) {
      raw[key.slice('filters['.length, -1)] = value;
    }
  });
  return raw;
}

/**
 * Starts the costs page's summary when `location` is the costs page under
 * `mountPath` (the page's own path, `/environments` by default).
 */
export function prefetchCostSummary(
  api: EnvironmentsApi,
  mountPath: string,
  location: { pathname: string; search: string },
  now: Date = new Date(),
) {
  const costsPath = `${mountPath.replace(/\/+$/, '')}/costs`;
  if (location.pathname.replace(/\/+$/, '') !== costsPath) return;
  const query = selectedCostQuery(
    parseCostFilters(filtersOf(location.search)),
    now,
  );
  const summary = api.getCostSummary(query);
  // Unhandled until the page takes it; the page reports its own errors.
  summary.catch(() => {});
  prefetched = { key: costQueryKey(query), summary };
}

/** The prefetched summary of this query, once; undefined if there is none. */
export function takePrefetchedCostSummary(
  key: string,
): Promise<CostSummaryResponse> | undefined {
  if (prefetched?.key !== key) return undefined;
  const { summary } = prefetched;
  prefetched = undefined;
  return summary;
}
