import {
  alertApiRef,
  fetchApiRef,
  useApi,
} from '@backstage/frontend-plugin-api';
import Button from '@material-ui/core/Button';
import GetAppIcon from '@material-ui/icons/GetApp';
import type { MouseEvent } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { environmentsApiRef, type CostQuery } from '../../api';
import { errorMessage } from '../../lib/errors';
import { costQueryKey } from './useCostReports';

/**
 * "Download CSV": a link to the backend's export with the page's filters.
 * Clicking it downloads through the fetch API, so the request carries the
 * user's Backstage token like every other call; the link itself stays
 * copyable.
 */
export function DownloadCsvButton(props: { query: CostQuery }) {
  const api = useApi(environmentsApiRef);
  const fetchApi = useApi(fetchApiRef);
  const alertApi = useApi(alertApiRef);
  const key = costQueryKey(props.query);
  const { value: href } = useAsync(
    () => api.costExportUrl(props.query),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, key],
  );

  const download = async (event: MouseEvent<HTMLAnchorElement>) => {
    if (!href || typeof URL.createObjectURL !== 'function') {
      return; // let the browser follow the link
    }
    event.preventDefault();
    try {
      const response = await fetchApi.fetch(href);
      if (!response.ok) {
        throw new Error(
          `The export failed: ${response.status} ${response.statusText}`,
        );
      }
      const disposition = response.headers.get('content-disposition') ?? '';
      const filename =
        /filename="?([^";]+)"?/.exec(disposition)?.[1] ??
        'environments-cost.csv';
      const url = URL.createObjectURL(await response.blob());
      const anchor = document.createElement('a');
      anchor.href = url;
      anchor.download = filename;
      document.body.appendChild(anchor);
      anchor.click();
      anchor.remove();
      URL.revokeObjectURL(url);
    } catch (error) {
      alertApi.post({ message: errorMessage(error), severity: 'error' });
    }
  };

  return (
    <Button
      variant="outlined"
      color="primary"
      href={href ?? ''}
      disabled={!href}
      onClick={download}
      startIcon={<GetAppIcon />}
      download
    >
      Download CSV
    </Button>
  );
}
