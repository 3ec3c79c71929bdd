import type { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import type { Environment } from '@greenroom/plugin-environments-common';
import type {
  EnvironmentsApi,
  ListEnvironmentsQuery,
  ListEnvironmentsResponse,
} from './EnvironmentsApi';

const QUERY_KEYS = [
  'limit',
  'offset',
  'system',
  'owner',
  'mode',
  'status',
  'component',
  'q',
  'sort',
] as const satisfies ReadonlyArray<keyof ListEnvironmentsQuery>;

/**
 * Default {@link EnvironmentsApi} implementation, talking to the
 * `environments` backend plugin through the discovery and fetch APIs.
 *
 * @public
 */
export class EnvironmentsClient implements EnvironmentsApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  async listEnvironments(
    query: ListEnvironmentsQuery = {},
  ): Promise<ListEnvironmentsResponse> {
    const queryString = new URLSearchParams();
    for (const key of QUERY_KEYS) {
      const value = query[key];
      if (value === undefined || value === '') {
        continue;
      }
      queryString.append(key, String(value));
    }
    const search = queryString.toString();
    const suffix = search ? `?${search}` : '';
    return await this.request<ListEnvironmentsResponse>(
      `/environments${suffix}`,
    );
  }

  async getEnvironment(name: string): Promise<Environment> {
    return await this.request<Environment>(
      `/environments/${encodeURIComponent(name)}`,
    );
  }

  private async request<T>(path: string, init?: RequestInit): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('environments');
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`, init);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
