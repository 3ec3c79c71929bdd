import { mockServices } from '@backstage/backend-test-utils';

/** Backstage's mock logger, with children that log into it, so a test sees every line. */
export function testLogger() {
  const logger = mockServices.logger.mock();
  logger.child.mockReturnValue(logger);
  return logger;
}
