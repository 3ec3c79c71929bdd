import { useApi } from '@backstage/frontend-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import {
  environmentsApiRef,
  type CostQuery,
  type CostSeriesQuery,
  type CostSummaryQuery,
} from '../../api';

/** A stable key of a query, for effect dependencies. */
export function costQueryKey(
  query: CostSummaryQuery | CostSeriesQuery | undefined,
): string {
  if (!query) return '';
  return JSON.stringify(
    Object.entries(query)
      .filter(([, value]) => value !== undefined && value !== '')
      .sort(([a], [b]) => a.localeCompare(b)),
  );
}

/** Loads a cost summary; nothing at all while `query` is undefined. */
export function useCostSummary(query: CostSummaryQuery | undefined) {
  const api = useApi(environmentsApiRef);
  const key = costQueryKey(query);
  return useAsyncRetry(
    async () => (query ? await api.getCostSummary(query) : undefined),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, key],
  );
}

/** Loads a daily cost series; nothing at all while `query` is undefined. */
export function useCostSeries(query: CostSeriesQuery | undefined) {
  const api = useApi(environmentsApiRef);
  const key = costQueryKey(query);
  return useAsyncRetry(
    async () => (query ? await api.getCostSeries(query) : undefined),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, key],
  );
}

/** Loads what sharing a base saved over a cost query's window; nothing while `query` is undefined. */
export function useSharingTotals(query: CostQuery | undefined) {
  const api = useApi(environmentsApiRef);
  const key = costQueryKey(query);
  return useAsyncRetry(
    async () => (query ? await api.getSharingSavingsTotals(query) : undefined),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, key],
  );
}
