import { useApi } from '@backstage/frontend-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { environmentsApiRef } from '../api';

/** Loads how full the preview quotas are. */
export function usePreviewQuota() {
  const environmentsApi = useApi(environmentsApiRef);
  return useAsyncRetry(
    () => environmentsApi.getPreviewQuota(),
    [environmentsApi],
  );
}
