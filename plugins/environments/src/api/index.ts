export { environmentsApiRef } from './EnvironmentsApi';
export type {
  ApiEnvironment,
  ApiService,
  ApiVariable,
  EnvironmentPlan,
  MutationOptions,
  OperationResponse,
  PlanChange,
  EnvironmentsApi,
  EnvironmentSort,
  ListEnvironmentsQuery,
  ListEnvironmentsResponse,
} from './EnvironmentsApi';
export { EnvironmentsClient } from './EnvironmentsClient';
