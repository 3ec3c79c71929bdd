import { createApiRef } from '@backstage/frontend-plugin-api';
import type {
  ClonePlan,
  CloneRequestInput,
  Environment,
  EnvironmentInput,
  EnvironmentMode,
  EnvironmentStatus,
  Operation,
  Service,
} from '@greenroom/plugin-environments-common';
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
  CostSeriesQuery,
  CostSeriesResponse,
  CostSummaryResponse,
} from './costTypes';

/**
 * A variable as the API returns it. Secrets never carry their value, only
 * whether one is set.
 *
 * @public
 */
export type ApiVariable =
  | { key: string; kind: 'value'; value: string }
  | { key: string; kind: 'alias'; aliasOf: string }
  | { key: string; kind: 'secret'; isSet: boolean }
  | { key: string; kind: 'builtin'; value?: string };

/**
 * A service as the API returns it (its variables as {@link ApiVariable}).
 *
 * @public
 */
export type ApiService = Omit<Service, 'variables'> & {
  variables: ApiVariable[];
};

/**
 * An environment as the API returns it: the `Environment` of
 * `@greenroom/plugin-environments-common` with secret values removed.
 *
 * @public
 */
export type ApiEnvironment = Omit<Environment, 'variables' | 'services'> & {
  variables: ApiVariable[];
  services: ApiService[];
};

/**
 * The answer to a change: the environment as it is now and the operation
 * that carries the change out.
 *
 * @public
 */
export interface OperationResponse {
  environment?: ApiEnvironment;
  operation: Operation;
}

/**
 * One change the runtime would make, from {@link EnvironmentsApi.getPlan}.
 *
 * @public
 */
export interface PlanChange {
  action: 'create' | 'update' | 'delete' | 'unchanged';
  /** The runtime's own name for the object, e.g. `Deployment/orders-api`. */
  resource: string;
  service?: string;
  detail?: string;
}

/**
 * What the runtime would change to make an environment match its spec.
 *
 * @public
 */
export interface EnvironmentPlan {
  runtime: string;
  changes: PlanChange[];
}

/**
 * The body of {@link EnvironmentsApi.cloneEnvironment}: the
 * `CloneRequestInput` of `@greenroom/plugin-environments-common`.
 *
 * @public
 */
export type CloneEnvironmentRequest = CloneRequestInput;

/**
 * The body of {@link EnvironmentsApi.setVariable}. A secret's value is sent
 * once and never read back.
 *
 * @public
 */
export type SetVariableBody =
  | { kind: 'value'; value: string }
  | { kind: 'secret'; value: string }
  | { kind: 'alias'; aliasOf: string };

/**
 * Options of the calls that change something.
 *
 * @public
 */
export interface MutationOptions {
  /** Sent as `Idempotency-Key`: the same key returns the same operation. */
  idempotencyKey?: string;
}

/**
 * The orders the environment list can be sorted in. A leading `-` sorts
 * descending.
 *
 * @public
 */
export type EnvironmentSort =
  | 'name'
  | '-name'
  | 'updatedAt'
  | '-updatedAt'
  | 'lastActivityAt'
  | '-lastActivityAt'
  | 'expiresAt';

/**
 * Query for {@link EnvironmentsApi.listEnvironments}. Every field is optional;
 * entity refs are full refs such as `system:default/shop`.
 *
 * @public
 */
export interface ListEnvironmentsQuery {
  /** Page size, 1 to 1000; the backend defaults to 50. */
  limit?: number;
  offset?: number;
  /** Entity ref of the System the environments belong to. */
  system?: string;
  /** Entity ref of the owning Group. */
  owner?: string;
  mode?: EnvironmentMode;
  status?: EnvironmentStatus;
  /** Entity ref of a Component that runs as a service of the environments. */
  component?: string;
  /** Free text matched against name and title. */
  q?: string;
  sort?: EnvironmentSort;
}

/**
 * One page of environments.
 *
 * @public
 */
export interface ListEnvironmentsResponse {
  items: ApiEnvironment[];
  /** How many environments match the query, across all pages. */
  totalCount: number;
}

/**
 * Client for the Greenroom environments backend.
 *
 * @public
 */
export interface EnvironmentsApi {
  listEnvironments(
    query?: ListEnvironmentsQuery,
  ): Promise<ListEnvironmentsResponse>;
  getEnvironment(name: string): Promise<ApiEnvironment>;
  /** Creates an environment; answers at once, the operation provisions it. */
  createEnvironment(
    input: EnvironmentInput,
    options?: MutationOptions,
  ): Promise<OperationResponse>;
  stopEnvironment(
    name: string,
    options?: MutationOptions,
  ): Promise<OperationResponse>;
  startEnvironment(
    name: string,
    options?: MutationOptions,
  ): Promise<OperationResponse>;
  destroyEnvironment(
    name: string,
    options?: MutationOptions,
  ): Promise<OperationResponse>;
  /** Pushes the expiry back, e.g. by `'2d'`. */
  extendEnvironment(
    name: string,
    by: string,
    options?: MutationOptions,
  ): Promise<OperationResponse>;
  /** The operations of an environment, newest first. */
  listOperations(name: string): Promise<{ items: Operation[] }>;
  getOperation(id: string): Promise<Operation>;
  /** Dry run: what the runtime would change. */
  getPlan(name: string): Promise<EnvironmentPlan>;
  /**
   * Clones `source`. With `dryRun: true` it answers with the plan (what is
   * copied, changed, needs attention, and what happens to the data) and
   * changes nothing; otherwise it answers at once with the new environment
   * and the operation that provisions it.
   */
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
  /**
   * Sets a variable of the environment, or of one of its services when
   * `service` is given; answers with the environment as it is now.
   */
  setVariable(
    name: string,
    key: string,
    body: SetVariableBody,
    service?: string,
  ): Promise<ApiEnvironment>;
  /**
   * The cost report of a window (default: the current UTC month so far),
   * grouped by `groupBy` and restricted by the query's filters.
   */
  getCostSummary(query?: CostQuery): Promise<CostSummaryResponse>;
  /** Cost per UTC day of a window, one series per group. */
  getCostSeries(query?: CostSeriesQuery): Promise<CostSeriesResponse>;
  /** The URL of the CSV download of {@link EnvironmentsApi.getCostSummary}'s rows. */
  costExportUrl(query?: CostQuery): Promise<string>;
  /** The ServiceTemplates of the catalog, sorted by title. */
  listTemplates(
    query?: ListTemplatesQuery,
  ): Promise<{ items: ServiceTemplateSummary[] }>;
  /** One template with its versions and usage; a 404 when unknown. */
  getTemplate(namespace: string, name: string): Promise<ServiceTemplateDetails>;
  /**
   * Adds a service from a template to an environment. With `dryRun: true` it
   * answers with the rendered service and changes nothing; otherwise it
   * answers at once with the operation that adds it.
   */
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
  /** The template version of each service created from a template. */
  listTemplateUpgrades(
    environment: string,
  ): Promise<{ items: TemplateUpgradeInfo[] }>;
  /**
   * Upgrades a service to its template's latest version. With
   * `dryRun: true` it answers with the changes and changes nothing.
   */
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
}

/**
 * The API reference for {@link EnvironmentsApi}, shared by the new frontend
 * system and legacy apps.
 *
 * @public
 */
export const environmentsApiRef = createApiRef<EnvironmentsApi>().with({
  id: 'plugin.environments.api',
  pluginId: 'environments',
});
