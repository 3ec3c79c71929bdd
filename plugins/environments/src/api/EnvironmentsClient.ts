import type { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import type {
  EnvironmentInput,
  Operation,
} from '@greenroom/plugin-environments-common';
import type {
  ApiEnvironment,
  EnvironmentPlan,
  EnvironmentsApi,
  ListEnvironmentsQuery,
  ListEnvironmentsResponse,
  MutationOptions,
  OperationResponse,
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

function environmentPath(name: string): string {
  return `/environments/${encodeURIComponent(name)}`;
}

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

  async getEnvironment(name: string): Promise<ApiEnvironment> {
    return await this.request<ApiEnvironment>(environmentPath(name));
  }

  async createEnvironment(
    input: EnvironmentInput,
    options?: MutationOptions,
  ): Promise<OperationResponse> {
    return await this.mutate('POST', '/environments', options, input);
  }

  async stopEnvironment(
    name: string,
    options?: MutationOptions,
  ): Promise<OperationResponse> {
    return await this.mutate('POST', `${environmentPath(name)}/stop`, options);
  }

  async startEnvironment(
    name: string,
    options?: MutationOptions,
  ): Promise<OperationResponse> {
    return await this.mutate('POST', `${environmentPath(name)}/start`, options);
  }

  async destroyEnvironment(
    name: string,
    options?: MutationOptions,
  ): Promise<OperationResponse> {
    return await this.mutate('DELETE', environmentPath(name), options);
  }

  async extendEnvironment(
    name: string,
    by: string,
    options?: MutationOptions,
  ): Promise<OperationResponse> {
    return await this.mutate(
      'POST',
      `${environmentPath(name)}/extend`,
      options,
      {
        by,
      },
    );
  }

  async listOperations(name: string): Promise<{ items: Operation[] }> {
    return await this.request<{ items: Operation[] }>(
      `${environmentPath(name)}/operations`,
    );
  }

  async getOperation(id: string): Promise<Operation> {
    return await this.request<Operation>(
      `/operations/${encodeURIComponent(id)}`,
    );
  }

  async getPlan(name: string): Promise<EnvironmentPlan> {
    return await this.request<EnvironmentPlan>(`${environmentPath(name)}/plan`);
  }

  private async mutate(
    method: 'POST' | 'DELETE',
    path: string,
    options: MutationOptions | undefined,
    body?: unknown,
  ): Promise<OperationResponse> {
    const headers: Record<string, string> = {};
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
    }
    if (options?.idempotencyKey) {
      headers['Idempotency-Key'] = options.idempotencyKey;
    }
    return await this.request<OperationResponse>(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
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
