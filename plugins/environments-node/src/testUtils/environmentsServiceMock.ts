import { createServiceFactory } from '@backstage/backend-plugin-api';
import { createServiceMock } from '@backstage/backend-test-utils';
import { environmentsServiceRef } from '../client/EnvironmentsService';
import {
  InMemoryEnvironmentsService,
  type InMemoryEnvironmentsServiceOptions,
} from './InMemoryEnvironmentsService';

/**
 * A fake environments client that keeps environments in memory (see
 * {@link InMemoryEnvironmentsService}).
 *
 * @public
 */
export function environmentsServiceMock(
  options?: InMemoryEnvironmentsServiceOptions,
): InMemoryEnvironmentsService {
  return new InMemoryEnvironmentsService(options);
}

/**
 * Mock functionality for the environments client, as `catalogServiceMock` of
 * `@backstage/plugin-catalog-node/testUtils` has for the catalog.
 *
 * @public
 */
export namespace environmentsServiceMock {
  /** A factory of the in-memory fake, for `startTestBackend`. */
  export const factory = (options?: InMemoryEnvironmentsServiceOptions) =>
    createServiceFactory({
      service: environmentsServiceRef,
      deps: {},
      factory: () => new InMemoryEnvironmentsService(options),
    });
  /** A client whose methods are jest mocks, some implemented by the caller. */
  export const mock = createServiceMock(environmentsServiceRef, () => ({
    listEnvironments: jest.fn(),
    getEnvironment: jest.fn(),
    createEnvironment: jest.fn(),
    updateEnvironment: jest.fn(),
    lifecycle: jest.fn(),
    cloneEnvironment: jest.fn(),
    addService: jest.fn(),
    getOperation: jest.fn(),
  }));
}
