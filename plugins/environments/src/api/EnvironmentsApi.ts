import { createApiRef } from '@backstage/frontend-plugin-api';
import type {
  ApiAccepted,
  ApiClonePlan,
  ApiCostBreakdown,
  ApiListEnvironmentsQuery,
  ApiPreviewQuota,
  ApiSharingSavings,
  ApiSharingSavingsTotals,
  ApiEnvironment as CommonApiEnvironment,
  ApiService as CommonApiService,
  ApiVariable as CommonApiVariable,
  CloneRequestInput,
  EnvironmentInput,
  EnvironmentsApiPaths,
  EnvironmentsApiSchemas,
  Operation,
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
  CostSummaryQuery,
  CostSeriesQuery,
  CostSeriesResponse,
  CostSummaryResponse,
} from './costTypes';

/**
 * A variable as the API returns it: the spec's `Variable`. Secrets never
 * carry their value, only whether one is set.
 *
 * @public
 */
export type ApiVariable = CommonApiVariable;

/**
 * A service as the API returns it: the spec's `Service`.
 *
 * @public
 */
export type ApiService = CommonApiService;

/**
 * An environment as the API returns it: the spec's `Environment`, the
 * `Environment` of `@greenroom/plugin-environments-common` with secret
 * values removed.
 *
 * @public
 */
export type ApiEnvironment = CommonApiEnvironment;

/**
 * The answer to a change: the environment as it is now and the operation
 * that carries the change out (the spec's `Accepted`).
 *
 * @public
 */
export type OperationResponse = ApiAccepted;

/**
 * What the runtime would change to make an environment match its spec, from
 * {@link EnvironmentsApi.getPlan}.
 *
 * @public
 */
export type EnvironmentPlan = EnvironmentsApiSchemas['RuntimePlan'];

/**
 * One change the runtime would make, from {@link EnvironmentsApi.getPlan}.
 *
 * @public
 */
export type PlanChange = EnvironmentPlan['changes'][number];

/**
 * The plan of a clone, from a dry run of {@link EnvironmentsApi.cloneEnvironment}.
 *
 * @public
 */
export type ClonePlanResponse = ApiClonePlan;

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
 * Options of {@link EnvironmentsApi.stopEnvironment} and
 * {@link EnvironmentsApi.destroyEnvironment}.
 *
 * @public
 */
export interface StopOrDestroyOptions extends MutationOptions {
  /**
   * Go ahead although other environments share this one's services (they
   * stop answering for them); without it such a request is a 409 naming them.
   */
  force?: boolean;
}

/**
 * Query for {@link EnvironmentsApi.listEnvironments}, as the spec has it.
 * Every field is optional; entity refs are full refs such as
 * `system:default/shop`, `q` is matched against name and title.
 *
 * @public
 */
export type ListEnvironmentsQuery = ApiListEnvironmentsQuery;

/**
 * The orders the environment list can be sorted in. A leading `-` sorts
 * descending.
 *
 * @public
 */
export type EnvironmentSort = NonNullable<ListEnvironmentsQuery['sort']>;

/**
 * One page of environments; `totalCount` counts across all pages.
 *
 * @public
 */
export type ListEnvironmentsResponse =
  EnvironmentsApiPaths['/environments']['get']['responses'][200]['content']['application/json'];

/**
 * How full the preview quotas are, per system and per team, from
 * {@link EnvironmentsApi.getPreviewQuota}.
 *
 * @public
 */
export type PreviewQuotaResponse = ApiPreviewQuota;

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
    options?: StopOrDestroyOptions,
  ): Promise<OperationResponse>;
  startEnvironment(
    name: string,
    options?: MutationOptions,
  ): Promise<OperationResponse>;
  destroyEnvironment(
    name: string,
    options?: StopOrDestroyOptions,
  ): Promise<OperationResponse>;
  /** Applies the environment again as stored, repairing drift. */
  reapplyEnvironment(
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
  ): Promise<ClonePlanResponse>;
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
   * grouped by `groupBy` and restricted by the query's filters; with
   * `limit`, only that many rows of the highest totals (`rowCount` says how
   * many there are, `totals` adds them all up).
   */
  getCostSummary(query?: CostSummaryQuery): Promise<CostSummaryResponse>;
  /** Cost per UTC day of a window, one series per group. */
  getCostSeries(query?: CostSeriesQuery): Promise<CostSeriesResponse>;
  /** The URL of the CSV download of {@link EnvironmentsApi.getCostSummary}'s rows. */
  costExportUrl(query?: CostQuery): Promise<string>;
  /**
   * How full the preview quotas are: per system and per team, the limit,
   * running and queued counts, and the running previews the caller may read
   * in the order the quota would stop them.
   */
  getPreviewQuota(): Promise<PreviewQuotaResponse>;
  /**
   * What sharing its base saved an environment over a window (the current
   * UTC month so far by default): its base's services it does not deploy,
   * priced as a full clone would have run them.
   */
  getSharingSavings(
    name: string,
    query?: { from?: string; to?: string },
  ): Promise<ApiSharingSavings>;
  /** The same, added up over the environments a cost query keeps. */
  getSharingSavingsTotals(query?: CostQuery): Promise<ApiSharingSavingsTotals>;
  /**
   * How an environment's cost over a window (the current UTC month so far
   * by default) was computed: its ledger intervals, the rates, their source
   * and the totals the summary reports.
   */
  getCostBreakdown(
    name: string,
    query?: { from?: string; to?: string },
  ): Promise<ApiCostBreakdown>;
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
