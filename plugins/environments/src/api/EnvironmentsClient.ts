import type { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import type {
  ClonePlan,
  EnvironmentInput,
  Operation,
} from '@greenroom/plugin-environments-common';
import type {
  ApiEnvironment,
  CloneEnvironmentRequest,
  EnvironmentPlan,
  EnvironmentsApi,
  ListEnvironmentsQuery,
  ListEnvironmentsResponse,
  MutationOptions,
  OperationResponse,
  SetVariableBody,
} from './EnvironmentsApi';
import type {
  AddServicePreview,
  AddServiceRequest,
  ListTemplatesQuery,
  ServiceTemplateDetails,
  ServiceTemplateSummary,
  ServiceUpgradePlan,
  TemplateUpgradeInfo,
} from './templates';
import {
  costQueryString,
  type CostQuery,
  type CostSeriesQuery,
  type CostSeriesResponse,
  type CostSummaryResponse,
} from './costTypes';

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

const TEMPLATE_QUERY_KEYS = [
  'q',
  'type',
  'engine',
  'lifecycle',
  'owner',
] as const satisfies ReadonlyArray<keyof ListTemplatesQuery>;

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

  cloneEnvironment(
    source: string,
    request: CloneEnvironmentRequest & { dryRun: true },
    options?: MutationOptions,
  ): Promise<ClonePlan>;
  cloneEnvironment(
    source: string,
    request: CloneEnvironmentRequest & { dryRun?: false },
    options?: MutationOptions,
  ): Promise<OperationResponse>;
  async cloneEnvironment(
    source: string,
    request: CloneEnvironmentRequest,
    options?: MutationOptions,
  ): Promise<ClonePlan | OperationResponse> {
    // 200 with the plan for a dry run, 202 with the operation otherwise.
    return await this.mutate<ClonePlan | OperationResponse>(
      'POST',
      `${environmentPath(source)}/clone`,
      options,
      request,
    );
  }

  async setVariable(
    name: string,
    key: string,
    body: SetVariableBody,
    service?: string,
  ): Promise<ApiEnvironment> {
    const scope = service
      ? `${environmentPath(name)}/services/${encodeURIComponent(service)}`
      : environmentPath(name);
    return await this.mutate<ApiEnvironment>(
      'PUT',
      `${scope}/variables/${encodeURIComponent(key)}`,
      undefined,
      body,
    );
  }

  async getCostSummary(query: CostQuery = {}): Promise<CostSummaryResponse> {
    return await this.request<CostSummaryResponse>(
      `/cost/summary${costQueryString(query)}`,
    );
  }

  async getCostSeries(
    query: CostSeriesQuery = {},
  ): Promise<CostSeriesResponse> {
    return await this.request<CostSeriesResponse>(
      `/cost/series${costQueryString({ granularity: 'day', ...query })}`,
    );
  }

  async costExportUrl(query: CostQuery = {}): Promise<string> {
    const baseUrl = await this.discoveryApi.getBaseUrl('environments');
    return `${baseUrl}/cost/export.csv${costQueryString(query)}`;
  }

  async listTemplates(
    query: ListTemplatesQuery = {},
  ): Promise<{ items: ServiceTemplateSummary[] }> {
    const queryString = new URLSearchParams();
    for (const key of TEMPLATE_QUERY_KEYS) {
      const value = query[key];
      if (value !== undefined && value !== '') {
        queryString.append(key, value);
      }
    }
    const search = queryString.toString();
    return await this.request<{ items: ServiceTemplateSummary[] }>(
      `/templates${search ? `?${search}` : ''}`,
    );
  }

  async getTemplate(
    namespace: string,
    name: string,
  ): Promise<ServiceTemplateDetails> {
    return await this.request<ServiceTemplateDetails>(
      `/templates/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}`,
    );
  }

  addService(
    environment: string,
    request: AddServiceRequest & { dryRun: true },
    options?: MutationOptions,
  ): Promise<AddServicePreview>;
  addService(
    environment: string,
    request: AddServiceRequest & { dryRun?: false },
    options?: MutationOptions,
  ): Promise<OperationResponse>;
  async addService(
    environment: string,
    request: AddServiceRequest,
    options?: MutationOptions,
  ): Promise<AddServicePreview | OperationResponse> {
    // 200 with the rendered service for a dry run, 202 with the operation otherwise.
    return await this.mutate<AddServicePreview | OperationResponse>(
      'POST',
      `${environmentPath(environment)}/services`,
      options,
      request,
    );
  }

  async listTemplateUpgrades(
    environment: string,
  ): Promise<{ items: TemplateUpgradeInfo[] }> {
    return await this.request<{ items: TemplateUpgradeInfo[] }>(
      `${environmentPath(environment)}/template-upgrades`,
    );
  }

  upgradeService(
    environment: string,
    service: string,
    request: { dryRun: true },
    options?: MutationOptions,
  ): Promise<ServiceUpgradePlan>;
  upgradeService(
    environment: string,
    service: string,
    request?: { dryRun?: false },
    options?: MutationOptions,
  ): Promise<OperationResponse>;
  async upgradeService(
    environment: string,
    service: string,
    request: { dryRun?: boolean } = {},
    options?: MutationOptions,
  ): Promise<ServiceUpgradePlan | OperationResponse> {
    return await this.mutate<ServiceUpgradePlan | OperationResponse>(
      'POST',
      `${environmentPath(environment)}/services/${encodeURIComponent(
        service,
      )}/upgrade`,
      options,
      request,
    );
  }

  private async mutate<T = OperationResponse>(
    method: 'POST' | 'PUT' | 'DELETE',
    path: string,
    options: MutationOptions | undefined,
    body?: unknown,
  ): Promise<T> {
    const headers: Record<string, string> = {};
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
    }
    if (options?.idempotencyKey) {
      headers['Idempotency-Key'] = options.idempotencyKey;
    }
    return await this.request<T>(path, {
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
