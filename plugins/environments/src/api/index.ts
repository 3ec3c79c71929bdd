export { environmentsApiRef } from './EnvironmentsApi';
export type {
  ApiEnvironment,
  ApiService,
  ApiVariable,
  CloneEnvironmentRequest,
  ClonePlanResponse,
  EnvironmentPlan,
  MutationOptions,
  OperationResponse,
  PlanChange,
  PreviewQuotaResponse,
  SetVariableBody,
  StopOrDestroyOptions,
  EnvironmentsApi,
  EnvironmentSort,
  ListEnvironmentsQuery,
  ListEnvironmentsResponse,
} from './EnvironmentsApi';
export { EnvironmentsClient } from './EnvironmentsClient';
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
} from './templates';
export type {
  ApiCostRow,
  CostQuery,
  CostSummaryQuery,
  CostSeriesQuery,
  CostSeriesResponse,
  CostSummaryResponse,
} from './costTypes';
