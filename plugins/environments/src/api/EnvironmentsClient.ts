import type { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import {
  EnvironmentsApiClient,
  type EnvironmentInput,
  type Operation,
} from '@greenroom/plugin-environments-common';
import type {
  ApiEnvironment,
  CloneEnvironmentRequest,
  ClonePlanResponse,
  EnvironmentPlan,
  EnvironmentsApi,
  ListEnvironmentsQuery,
  ListEnvironmentsResponse,
  MutationOptions,
  OperationResponse,
  PreviewQuotaResponse,
  SetVariableBody,
  StopOrDestroyOptions,
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
import type {
  CostQuery,
  CostSummaryQuery,
  CostSeriesQuery,
  CostSeriesResponse,
  CostSummaryResponse,
} from './costTypes';

const idempotency = (options?: MutationOptions) => ({
  'idempotency-key': options?.idempotencyKey || undefined,
});

/**
 * Default {@link EnvironmentsApi} implementation: the typed client of
 * `@greenroom/plugin-environments-common`, finding the backend through the
 * discovery API and calling it through the fetch API (which adds the user's
 * token).
 *
 * @public
 */
export class EnvironmentsClient implements EnvironmentsApi {
  private readonly client: EnvironmentsApiClient;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.client = new EnvironmentsApiClient(options);
  }

  async listEnvironments(
    query: ListEnvironmentsQuery = {},
  ): Promise<ListEnvironmentsResponse> {
    const { body } = await this.client.request('get', '/environments', {
      query,
    });
    return body;
  }

  async getEnvironment(name: string): Promise<ApiEnvironment> {
    const { body } = await this.client.request('get', '/environments/{name}', {
      path: { name },
    });
    return body;
  }

  async createEnvironment(
    input: EnvironmentInput,
    options?: MutationOptions,
  ): Promise<OperationResponse> {
    const { body } = await this.client.request('post', '/environments', {
      header: idempotency(options),
      body: input,
    });
    return body;
  }

  async stopEnvironment(
    name: string,
    options?: StopOrDestroyOptions,
  ): Promise<OperationResponse> {
    const { body } = await this.client.request(
      'post',
      '/environments/{name}/stop',
      {
        path: { name },
        header: idempotency(options),
        ...(options?.force && { body: { force: true } }),
      },
    );
    return body;
  }

  async reapplyEnvironment(
    name: string,
    options?: MutationOptions,
  ): Promise<OperationResponse> {
    const { body } = await this.client.request(
      'post',
      '/environments/{name}/reapply',
      { path: { name }, header: idempotency(options) },
    );
    return body;
  }

  async startEnvironment(
    name: string,
    options?: MutationOptions,
  ): Promise<OperationResponse> {
    const { body } = await this.client.request(
      'post',
      '/environments/{name}/start',
      { path: { name }, header: idempotency(options) },
    );
    return body;
  }

  async destroyEnvironment(
    name: string,
    options?: StopOrDestroyOptions,
  ): Promise<OperationResponse> {
    // A DELETE carries no body: the confirmation goes in the query.
    const { body } = await this.client.request(
      'delete',
      '/environments/{name}',
      {
        path: { name },
        header: idempotency(options),
        ...(options?.force && { query: { force: 'true' } }),
      },
    );
    return body;
  }

  async extendEnvironment(
    name: string,
    by: string,
    options?: MutationOptions,
  ): Promise<OperationResponse> {
    const { body } = await this.client.request(
      'post',
      '/environments/{name}/extend',
      { path: { name }, header: idempotency(options), body: { by } },
    );
    return body;
  }

  async listOperations(name: string): Promise<{ items: Operation[] }> {
    const { body } = await this.client.request(
      'get',
      '/environments/{name}/operations',
      { path: { name } },
    );
    return body;
  }

  async getOperation(id: string): Promise<Operation> {
    const { body } = await this.client.request('get', '/operations/{id}', {
      path: { id },
    });
    return body;
  }

  async getPlan(name: string): Promise<EnvironmentPlan> {
    const { body } = await this.client.request(
      'get',
      '/environments/{name}/plan',
      { path: { name } },
    );
    return body;
  }

  cloneEnvironment(
    source: string,
    request: CloneEnvironmentRequest & { dryRun: true },
    options?: MutationOptions,
  ): Promise<ClonePlanResponse>;
  cloneEnvironment(
    source: string,
    request: CloneEnvironmentRequest & { dryRun?: false },
    options?: MutationOptions,
  ): Promise<OperationResponse>;
  async cloneEnvironment(
    source: string,
    request: CloneEnvironmentRequest,
    options?: MutationOptions,
  ): Promise<ClonePlanResponse | OperationResponse> {
    // 200 with the plan for a dry run, 202 with the operation otherwise.
    const { body } = await this.client.request(
      'post',
      '/environments/{name}/clone',
      { path: { name: source }, header: idempotency(options), body: request },
    );
    return body;
  }

  async setVariable(
    name: string,
    key: string,
    body: SetVariableBody,
    service?: string,
  ): Promise<ApiEnvironment> {
    const answer = service
      ? await this.client.request(
          'put',
          '/environments/{name}/services/{service}/variables/{key}',
          { path: { name, service, key }, body },
        )
      : await this.client.request(
          'put',
          '/environments/{name}/variables/{key}',
          { path: { name, key }, body },
        );
    return answer.body;
  }

  async getCostSummary(
    query: CostSummaryQuery = {},
  ): Promise<CostSummaryResponse> {
    const { body } = await this.client.request('get', '/cost/summary', {
      query,
    });
    return body;
  }

  async getCostSeries(
    query: CostSeriesQuery = {},
  ): Promise<CostSeriesResponse> {
    const { body } = await this.client.request('get', '/cost/series', {
      query: { granularity: 'day', ...query },
    });
    return body;
  }

  async costExportUrl(query: CostQuery = {}): Promise<string> {
    return await this.client.url('/cost/export.csv', { query });
  }

  async getPreviewQuota(): Promise<PreviewQuotaResponse> {
    const { body } = await this.client.request('get', '/previews/quota', {});
    return body;
  }

  async getSharingSavings(
    name: string,
    query: { from?: string; to?: string } = {},
  ) {
    const { body } = await this.client.request(
      'get',
      '/environments/{name}/cost/sharing',
      { path: { name }, query },
    );
    return body;
  }

  async getCostBreakdown(
    name: string,
    query: { from?: string; to?: string } = {},
  ) {
    const { body } = await this.client.request(
      'get',
      '/environments/{name}/cost/breakdown',
      { path: { name }, query },
    );
    return body;
  }

  async getSharingSavingsTotals(query: CostQuery = {}) {
    const { body } = await this.client.request('get', '/cost/sharing', {
      query,
    });
    return body;
  }

  async listTemplates(
    query: ListTemplatesQuery = {},
  ): Promise<{ items: ServiceTemplateSummary[] }> {
    const { body } = await this.client.request('get', '/templates', {
      query,
    });
    return body;
  }

  async getTemplate(
    namespace: string,
    name: string,
  ): Promise<ServiceTemplateDetails> {
    const { body } = await this.client.request(
      'get',
      '/templates/{namespace}/{templateName}',
      { path: { namespace, templateName: name } },
    );
    return body;
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
    const { body } = await this.client.request(
      'post',
      '/environments/{name}/services',
      {
        path: { name: environment },
        header: idempotency(options),
        body: request,
      },
    );
    return body;
  }

  async listTemplateUpgrades(
    environment: string,
  ): Promise<{ items: TemplateUpgradeInfo[] }> {
    const { body } = await this.client.request(
      'get',
      '/environments/{name}/template-upgrades',
      { path: { name: environment } },
    );
    return body;
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
    const { body } = await this.client.request(
      'post',
      '/environments/{name}/services/{service}/upgrade',
      {
        path: { name: environment, service },
        header: idempotency(options),
        body: request,
      },
    );
    return body;
  }
}
