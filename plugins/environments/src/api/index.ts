export { environmentsApiRef } from './EnvironmentsApi';
export type {
  ApiEnvironment,
  ApiService,
  ApiVariable,
  CloneEnvironmentRequest,
  EnvironmentPlan,
  MutationOptions,
  OperationResponse,
  PlanChange,
  SetVariableBody,
  EnvironmentsApi,
  EnvironmentSort,
  ListEnvironmentsQuery,
  ListEnvironmentsResponse,
} from './EnvironmentsApi';
export { EnvironmentsClient } from './EnvironmentsClient';
