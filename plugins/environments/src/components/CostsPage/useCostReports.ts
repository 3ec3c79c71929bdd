import { useApi } from '@backstage/frontend-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import {
  environmentsApiRef,
  type CostQuery,
  type CostSeriesQuery,
} from '../../api';
import { costQueryKey, takePrefetchedCostSummary } from './costSummaryPrefetch';

export { costQueryKey };

/**
 * Loads a cost summary; nothing at all while `query` is undefined. The first
 * load takes the summary the page's loader started, if it is this query's.
 */
export function useCostSummary(query: CostQuery | undefined) {
  const api = useApi(environmentsApiRef);
  const key = costQueryKey(query);
  return useAsyncRetry(
    async () =>
      query
        ? await (takePrefetchedCostSummary(key) ?? api.getCostSummary(query))
        : undefined,
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
