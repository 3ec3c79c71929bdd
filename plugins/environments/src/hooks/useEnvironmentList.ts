import { useApi } from '@backstage/frontend-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { environmentsApiRef, ListEnvironmentsQuery } from '../api';

/**
 * Loads one page of environments. While a new page loads, the previous value
 * is kept so the table does not flicker.
 */
export function useEnvironmentList(
  query: Omit<ListEnvironmentsQuery, 'limit' | 'offset'>,
  page: number,
  pageSize: number,
) {
  const environmentsApi = useApi(environmentsApiRef);
  const { system, owner, mode, status, component, q, sort } = query;
  return useAsyncRetry(
    () =>
      environmentsApi.listEnvironments({
        system,
        owner,
        mode,
        status,
        component,
        q,
        sort,
        limit: pageSize,
        offset: page * pageSize,
      }),
    [
      environmentsApi,
      system,
      owner,
      mode,
      status,
      component,
      q,
      sort,
      page,
      pageSize,
    ],
  );
}
