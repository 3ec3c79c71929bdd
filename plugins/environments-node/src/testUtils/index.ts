/**
 * Test utilities of `@greenroom/plugin-environments-node`: a fake of the
 * environments client and readers of mock loggers, for the tests of backend
 * modules.
 *
 * @packageDocumentation
 */

export { environmentsServiceMock } from './environmentsServiceMock';
export {
  InMemoryEnvironmentsService,
  IdempotencyKeyReusedError,
  environmentsAdminPermission,
} from './InMemoryEnvironmentsService';
export type {
  InMemoryEnvironmentsServiceOptions,
  RecordedCall,
} from './InMemoryEnvironmentsService';
export { makeEnvironment } from './makeEnvironment';
export { botAuthBackendMock } from './botAuthBackendMock';
export { logCalls, loggedText } from './logs';
