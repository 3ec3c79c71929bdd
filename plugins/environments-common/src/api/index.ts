export { environmentsApiSpec } from './spec';
export { EnvironmentsApiClient } from './EnvironmentsApiClient';
export { toApiEnvironment, toApiService } from './toApiObjects';
export type { SharingReads } from './toApiObjects';
export type {
  EnvironmentsApiMethod,
  EnvironmentsApiPath,
  EnvironmentsApiRequest,
  EnvironmentsApiResult,
} from './EnvironmentsApiClient';
export type * from './types';
export type {
  components as EnvironmentsApiComponents,
  operations as EnvironmentsApiOperations,
  paths as EnvironmentsApiPaths,
} from './openapi.generated';
