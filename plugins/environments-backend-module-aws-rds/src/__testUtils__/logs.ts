import { mockServices } from '@backstage/backend-test-utils';

/** Backstage's mock logger, with children that log into it, so a test sees every line. */
export function testLogger() {
  const logger = mockServices.logger.mock();
  logger.child.mockReturnValue(logger);
  return logger;
}

/** Everything logged (errors by their message), as one string, to search for leaked values. */
export function loggedText(logger: ReturnType<typeof testLogger>): string {
  return JSON.stringify(
    [logger.error, logger.warn, logger.info, logger.debug].flatMap(
      fn => fn.mock.calls,
    ),
    (_key, value) =>
      value instanceof Error ? { message: value.message } : value,
  );
}
