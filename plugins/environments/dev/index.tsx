// The dev entry stands in for an app (as @backstage/frontend-dev-utils does): it
// renders the React root and loads Backstage UI's styles. Neither is shipped (only
// dist/ is), so the package keeps react-dom a dev dependency.
// eslint-disable-next-line @backstage/no-ui-css-imports-in-non-frontend
import '@backstage/ui/css/styles.css';
// eslint-disable-next-line @backstage/no-undeclared-imports
import ReactDOM from 'react-dom/client';
import { createApp } from '@backstage/frontend-defaults';
import appPlugin from '@backstage/plugin-app';
import {
  ApiBlueprint,
  createFrontendModule,
} from '@backstage/frontend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import {
  DEFAULT_PRICE_RATES,
  cloneRequestSchema,
  planClone,
  previewQuotaUsage,
  toQuotaPreview,
  type ClonePlan,
  type Environment,
  type EnvironmentInput,
  type Operation,
  type OperationType,
} from '@greenroom/plugin-environments-common';
import environmentsPlugin from '../src/alpha';
import {
  AddServicePreview,
  AddServiceRequest,
  ApiEnvironment,
  CloneEnvironmentRequest,
  CostQuery,
  EnvironmentPlan,
  EnvironmentsApi,
  environmentsApiRef,
  ListEnvironmentsQuery,
  ListEnvironmentsResponse,
  ListTemplatesQuery,
  OperationResponse,
  ServiceUpgradePlan,
  SetVariableBody,
} from '../src';
import {
  makeEnvironment,
  sampleEnvironments,
} from '../src/__testUtils__/environments';
import { sampleCostSeries, sampleCostSummary } from './sampleCost';
import { withSampleDataRules } from './sampleData';
import { observeAfter, withSampleObservation } from './sampleObservations';
import {
  sampleRenderService,
  sampleTemplateDetails,
  sampleTemplateList,
  sampleTemplateUpgrades,
  sampleUpgradePlan,
} from './sampleTemplates';

/** How long each simulated operation step takes. */
const STEP_MS = 1500;

const STEPS: Record<OperationType, string[]> = {
  create: ['resolve', 'apply', 'observe'],
  clone: ['resolve', 'apply', 'observe'],
  update: ['resolve', 'apply', 'observe'],
  stop: ['stop'],
  start: ['start', 'observe'],
  destroy: ['destroy', 'cleanup'],
  extend: ['extend'],
};

function notFound(name: string): Error {
  return new Error(`No environment named ${name}`);
}

/**
 * Serves sample environments from memory, so the pages can be developed
 * without the backend (`yarn start` in this folder). Operations advance one
 * step every 1.5 seconds, the way the local runtime reports them, and leave
 * the services observed as the runtime would.
 */
class SampleEnvironmentsApi implements EnvironmentsApi {
  private readonly environments = new Map<string, ApiEnvironment>(
    sampleEnvironments.map(env => [
      env.name,
      withSampleDataRules(withSampleObservation(env)),
    ]),
  );
  private readonly operations: Operation[] = [];
  private nextId = 1;

  async listEnvironments(
    query: ListEnvironmentsQuery = {},
  ): Promise<ListEnvironmentsResponse> {
    const q = query.q?.toLocaleLowerCase('en-US');
    const matches = [...this.environments.values()].filter(
      env =>
        (!query.mode || env.mode === query.mode) &&
        (!query.status || env.status === query.status) &&
        (!query.system || env.system === query.system) &&
        (!query.owner || env.owner === query.owner) &&
        (!query.component ||
          env.services.some(s => s.componentRef === query.component)) &&
        (!q ||
          env.name.includes(q) ||
          env.title.toLocaleLowerCase('en-US').includes(q)),
    );
    const offset = query.offset ?? 0;
    const limit = query.limit ?? 50;
    return {
      items: matches.slice(offset, offset + limit),
      totalCount: matches.length,
    };
  }

  async getEnvironment(name: string): Promise<ApiEnvironment> {
    const environment = this.environments.get(name);
    if (!environment) {
      throw notFound(name);
    }
    return environment;
  }

  async createEnvironment(input: EnvironmentInput): Promise<OperationResponse> {
    if (this.environments.has(input.name)) {
      throw new Error(`environment '${input.name}' already exists`);
    }
    const environment = makeEnvironment({
      name: input.name,
      title: input.title ?? input.name,
      system: input.system,
      owner: input.owner,
      mode: input.mode,
      services: input.services.map(service => ({
        ...service,
        variables: [],
      })),
      status: 'provisioning',
    });
    this.environments.set(input.name, environment);
    return { environment, operation: this.run(environment, 'create') };
  }

  async stopEnvironment(name: string): Promise<OperationResponse> {
    return this.lifecycle(name, 'stop', 'stopping', 'stopped');
  }

  async startEnvironment(name: string): Promise<OperationResponse> {
    return this.lifecycle(name, 'start', 'starting', 'running');
  }

  async destroyEnvironment(name: string): Promise<OperationResponse> {
    return this.lifecycle(name, 'destroy', 'deleting', 'deleted');
  }

  async reapplyEnvironment(name: string): Promise<OperationResponse> {
    const environment = await this.getEnvironment(name);
    if (environment.desiredState !== 'running') {
      throw new Error(`Environment '${name}' is not meant to run`);
    }
    return this.lifecycle(name, 'update', environment.status, 'running');
  }

  async extendEnvironment(name: string): Promise<OperationResponse> {
    const environment = await this.getEnvironment(name);
    return { environment, operation: this.run(environment, 'extend') };
  }

  async listOperations(name: string): Promise<{ items: Operation[] }> {
    const environment = await this.getEnvironment(name);
    // Copies: the page compares what it polls with what it had.
    return {
      items: JSON.parse(
        JSON.stringify(
          this.operations
            .filter(op => op.environmentId === environment.id)
            .reverse(),
        ),
      ),
    };
  }

  async getOperation(id: string): Promise<Operation> {
    const operation = this.operations.find(op => op.id === id);
    if (!operation) {
      throw new Error(`No operation with id '${id}'`);
    }
    return operation;
  }

  async getPlan(name: string): Promise<EnvironmentPlan> {
    const environment = await this.getEnvironment(name);
    return {
      runtime: environment.runtime.type,
      changes: environment.services.map(service => ({
        action: 'create' as const,
        resource: `simulated/${service.name}`,
        service: service.name,
        detail: `simulated ${service.kind}, nothing is deployed`,
      })),
    };
  }

  cloneEnvironment(
    source: string,
    request: CloneEnvironmentRequest & { dryRun: true },
  ): Promise<ClonePlan>;
  cloneEnvironment(
    source: string,
    request: CloneEnvironmentRequest & { dryRun?: false },
  ): Promise<OperationResponse>;
  async cloneEnvironment(
    source: string,
    request: CloneEnvironmentRequest,
  ): Promise<ClonePlan | OperationResponse> {
    const from = await this.getEnvironment(source);
    if (this.environments.has(request.name)) {
      throw new Error(`environment '${request.name}' already exists`);
    }
    // The backend's planner on the sample as the backend would hold it
    // (secrets carry no value here; the planner copies none anyway).
    const plan = planClone(
      from as unknown as Environment,
      cloneRequestSchema.parse(request),
    );
    if (request.dryRun) {
      return plan;
    }
    const services = from.services.filter(s =>
      plan.input.services.some(kept => kept.name === s.name),
    );
    const environment = makeEnvironment({
      name: request.name,
      system: from.system,
      owner: from.owner,
      mode: request.mode,
      services: services.map(s => ({
        ...s,
        variables: s.variables.filter(v => v.kind !== 'secret'),
      })),
      variables: from.variables.filter(v => v.kind !== 'secret'),
      attention: plan.attention,
      status: 'provisioning',
    });
    this.environments.set(request.name, environment);
    const loads = plan.data
      .filter(step => step.action === 'copy' || step.action === 'run-seed')
      .map(step => step.service);
    return {
      environment,
      operation: this.run(environment, 'clone', 'running', loads),
    };
  }

  async setVariable(
    name: string,
    key: string,
    body: SetVariableBody,
    service?: string,
  ): Promise<ApiEnvironment> {
    const environment = await this.getEnvironment(name);
    const variable =
      body.kind === 'secret'
        ? { key, kind: 'secret' as const, isSet: true }
        : { key, ...body };
    const put = (variables: ApiEnvironment['variables']) => [
      ...variables.filter(v => v.key !== key),
      variable,
    ];
    const updated: ApiEnvironment = service
      ? {
          ...environment,
          services: environment.services.map(s =>
            s.name === service ? { ...s, variables: put(s.variables) } : s,
          ),
        }
      : { ...environment, variables: put(environment.variables) };
    this.environments.set(name, updated);
    return updated;
  }

  async getCostSummary(query: CostQuery = {}) {
    return sampleCostSummary([...this.environments.values()], query);
  }

  async getCostSeries(query: CostQuery = {}) {
    return sampleCostSeries([...this.environments.values()], query);
  }

  async costExportUrl(): Promise<string> {
    // The dev app has no backend to export from.
    return 'data:text/csv;charset=utf-8,key%2Ctotal%0A';
  }

  async getCostBreakdown(name: string) {
    // The sample ledger has no intervals: an empty breakdown.
    const now = new Date().toISOString();
    return {
      environment: name,
      from: now,
      to: now,
      currency: 'USD',
      rates: DEFAULT_PRICE_RATES,
      source: 'estimate',
      intervals: [],
      intervalCount: 0,
      truncated: false,
      totals: { total: 0, compute: 0, storage: 0, database: 0, hours: 0 },
      idle: { total: 0, compute: 0, storage: 0, database: 0, hours: 0 },
      savings: { total: 0, compute: 0, storage: 0, database: 0, hours: 0 },
      idleAfterMs: 2 * 60 * 60 * 1000,
      unpricedInstanceClasses: [],
    };
  }

  async getSharingSavings(name: string) {
    // The sample ledger has no intervals to price: nothing saved yet.
    const env = this.environments.get(name);
    return {
      environment: name,
      ...(env?.baseline && { base: env.baseline.environment }),
      from: new Date().toISOString(),
      to: new Date().toISOString(),
      currency: 'USD',
      runningHours: 0,
      saved: { total: 0, compute: 0, storage: 0, database: 0 },
      services: [],
    };
  }

  async getSharingSavingsTotals() {
    const now = new Date().toISOString();
    return {
      from: now,
      to: now,
      currency: 'USD',
      saved: { total: 0, compute: 0, storage: 0, database: 0 },
      environments: [],
    };
  }

  async getPreviewQuota() {
    // Two previews per system, so the sample shows what is reclaimed next.
    return previewQuotaUsage({
      previews: [...this.environments.values()]
        .filter(env => env.mode === 'preview')
        .map(toQuotaPreview),
      quota: { perSystem: 2 },
    });
  }

  async listTemplates(query: ListTemplatesQuery = {}) {
    return sampleTemplateList(query);
  }

  async getTemplate(namespace: string, name: string) {
    return sampleTemplateDetails(namespace, name, [
      ...this.environments.values(),
    ]);
  }

  addService(
    name: string,
    request: AddServiceRequest & { dryRun: true },
  ): Promise<AddServicePreview>;
  addService(
    name: string,
    request: AddServiceRequest & { dryRun?: false },
  ): Promise<OperationResponse>;
  async addService(
    name: string,
    request: AddServiceRequest,
  ): Promise<AddServicePreview | OperationResponse> {
    const environment = await this.getEnvironment(name);
    const service = sampleRenderService(request);
    if (request.dryRun) {
      return { service };
    }
    const updated: ApiEnvironment = {
      ...environment,
      services: [
        ...environment.services,
        { ...service, variables: [] } as ApiEnvironment['services'][number],
      ],
      revision: environment.revision + 1,
    };
    this.environments.set(name, updated);
    return { environment: updated, operation: this.run(updated, 'update') };
  }

  async listTemplateUpgrades(name: string) {
    return sampleTemplateUpgrades(await this.getEnvironment(name));
  }

  upgradeService(
    name: string,
    service: string,
    request: { dryRun: true },
  ): Promise<ServiceUpgradePlan>;
  upgradeService(
    name: string,
    service: string,
    request?: { dryRun?: false },
  ): Promise<OperationResponse>;
  async upgradeService(
    name: string,
    service: string,
    request: { dryRun?: boolean } = {},
  ): Promise<ServiceUpgradePlan | OperationResponse> {
    const environment = await this.getEnvironment(name);
    const plan = sampleUpgradePlan(environment, service);
    if (request.dryRun) {
      return plan;
    }
    const updated: ApiEnvironment = {
      ...environment,
      services: environment.services.map(s =>
        s.name === service && s.template
          ? { ...s, template: { ...s.template, version: plan.to } }
          : s,
      ),
      revision: environment.revision + 1,
    };
    this.environments.set(name, updated);
    return { environment: updated, operation: this.run(updated, 'update') };
  }

  private async lifecycle(
    name: string,
    type: OperationType,
    during: ApiEnvironment['status'],
    after: ApiEnvironment['status'],
  ): Promise<OperationResponse> {
    const environment = await this.getEnvironment(name);
    const desiredStates: Partial<
      Record<OperationType, ApiEnvironment['desiredState']>
    > = { stop: 'stopped', start: 'running', destroy: 'deleted' };
    const updated: ApiEnvironment = {
      ...environment,
      status: during,
      desiredState: desiredStates[type] ?? environment.desiredState,
    };
    this.environments.set(name, updated);
    return { environment: updated, operation: this.run(updated, type, after) };
  }

  /**
   * Queues an operation and advances it one step at a time; with databases
   * to load, a `data` step before `observe` reports rows copied as it goes.
   */
  private run(
    environment: ApiEnvironment,
    type: OperationType,
    after: ApiEnvironment['status'] = 'running',
    dataLoads: string[] = [],
  ): Operation {
    const now = new Date().toISOString();
    const names = STEPS[type].flatMap(step =>
      dataLoads.length > 0 && step === 'observe' ? ['data', step] : [step],
    );
    const operation: Operation = {
      id: `op-${this.nextId++}`,
      environmentId: environment.id,
      type,
      status: 'queued',
      steps: names.map(step => ({ name: step, status: 'queued' })),
      requestedBy: 'user:default/guest',
      createdAt: now,
      updatedAt: now,
    };
    this.operations.push(operation);
    let index = 0;
    const advance = () => {
      const time = new Date().toISOString();
      operation.status = 'running';
      if (index > 0) {
        operation.steps[index - 1] = {
          ...operation.steps[index - 1],
          status: 'succeeded',
          finishedAt: time,
        };
      }
      if (index < operation.steps.length) {
        operation.steps[index] = {
          ...operation.steps[index],
          status: 'running',
          startedAt: time,
        };
        if (operation.steps[index].name === 'data') {
          const step = index;
          for (const tick of [1, 2, 3]) {
            setTimeout(() => {
              operation.steps[step] = {
                ...operation.steps[step],
                message: `${dataLoads.join(', ')}: ${tick * 4000} rows copied`,
              };
            }, (tick * STEP_MS) / 4);
          }
        }
        index++;
        setTimeout(advance, STEP_MS);
        return;
      }
      operation.status = 'succeeded';
      operation.updatedAt = time;
      const current = this.environments.get(environment.name);
      if (current) {
        this.environments.set(
          environment.name,
          observeAfter({ ...current, status: after }, type),
        );
      }
    };
    setTimeout(advance, STEP_MS);
    return operation;
  }
}

/** The few catalog entities the "New environment" form offers. */
const sampleEntities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: { name: 'shop', title: 'Shop' },
    spec: { owner: 'team-shop' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'team-shop' },
    spec: { type: 'team', children: [] },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'storefront',
      title: 'Storefront',
      annotations: {
        'github.com/project-slug': 'example/storefront',
        'greenroom.dev/image': 'ghcr.io/example/storefront:1.8.2',
        'greenroom.dev/ports': '3000',
      },
    },
    spec: { type: 'website', owner: 'team-shop', system: 'shop' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'legacy-billing' },
    spec: { type: 'service', owner: 'team-shop', system: 'shop' },
  },
];

/** Answers `getEntities({ filter: { kind } })`, all the form asks. */
const sampleCatalogApi = {
  async getEntities(request?: { filter?: { kind?: string } }) {
    const kind = request?.filter?.kind;
    return {
      items: sampleEntities.filter(entity => !kind || entity.kind === kind),
    };
  },
} as unknown as typeof catalogApiRef.T;

const sampleApiModule = createFrontendModule({
  pluginId: 'environments',
  extensions: [
    ApiBlueprint.make({
      params: defineParams =>
        defineParams({
          api: environmentsApiRef,
          deps: {},
          factory: () => new SampleEnvironmentsApi(),
        }),
    }),
    ApiBlueprint.make({
      name: 'sample-catalog',
      params: defineParams =>
        defineParams({
          api: catalogApiRef,
          deps: {},
          factory: () => sampleCatalogApi,
        }),
    }),
  ],
});

// What `createDevApp` of @backstage/frontend-dev-utils does: an app of the new
// frontend system without its sign-in page, with Backstage UI's styles. That
// package's newest release on the registry (0.1.6) is built for
// frontend-plugin-api 0.18 and takes no plugin of 1.0.
const noSignInPage = appPlugin.withOverrides({
  extensions: [
    appPlugin.getExtension('sign-in-page:app').override({ disabled: true }),
  ],
});
const app = createApp({
  features: [noSignInPage, environmentsPlugin, sampleApiModule],
});
ReactDOM.createRoot(document.getElementById('root')!).render(app.createRoot());
