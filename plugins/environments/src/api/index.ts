export { environmentsApiRef } from './EnvironmentsApi';
export type {
  EnvironmentsApi,
  EnvironmentSort,
  ListEnvironmentsQuery,
  ListEnvironmentsResponse,
} from './EnvironmentsApi';
export { EnvironmentsClient } from './EnvironmentsClient';
