/**
 * Greenroom environments: the environment pages (list, one environment, the
 * "New environment" form), the Environments tab of Component and System
 * entity pages and the local-runtime card of Environment entities.
 *
 * This entry point holds the legacy frontend system plugin and the API; the
 * new frontend system plugin is the default export of
 * `@greenroom/plugin-environments/alpha`.
 *
 * @packageDocumentation
 */

export {
  environmentsPlugin,
  EnvironmentsPage,
  EntityEnvironmentsContent,
  EntityEnvironmentCostsContent,
  EntityLocalRuntimeCard,
} from './plugin';
export { environmentsApiRef, EnvironmentsClient } from './api';
export type {
  ApiEnvironment,
  ApiService,
  ApiVariable,
  CloneEnvironmentRequest,
  EnvironmentPlan,
  EnvironmentsApi,
  EnvironmentSort,
  ListEnvironmentsQuery,
  ListEnvironmentsResponse,
  MutationOptions,
  OperationResponse,
  PlanChange,
  PreviewQuotaResponse,
  SetVariableBody,
  StopOrDestroyOptions,
} from './api';
export type {
  AddServicePreview,
  AddServiceRequest,
  ListTemplatesQuery,
  ServiceTemplateDetails,
  ServiceTemplateSummary,
  ServiceTemplateUsage,
  ServiceTemplateVersion,
  ServiceUpgradePlan,
  TemplateUpgradeInfo,
  TemplateUpgradeStatus,
} from './api';
export type {
  ApiCostRow,
  CostQuery,
  CostSummaryQuery,
  CostSeriesQuery,
  CostSeriesResponse,
  CostSummaryResponse,
} from './api';
export { GreenroomCostInsightsClient } from './costInsights';
export type {
  GreenroomCostInsightsClientOptions,
  CostInsightsApi as GreenroomCostInsightsApi,
} from './costInsights';
