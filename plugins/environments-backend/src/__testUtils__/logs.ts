import type { LoggerService } from '@backstage/backend-plugin-api';

type LoggerMock = jest.Mocked<LoggerService>;
type Level = 'error' | 'warn' | 'info' | 'debug';

const LEVELS: Level[] = ['error', 'warn', 'info', 'debug'];

/**
 * Every call made on a `mockServices.logger.mock()` and on the child loggers
 * it handed out (each child is a mock of its own), as `[level, message, meta]`.
 */
export function logCalls(logger: LoggerMock): Array<[Level, ...unknown[]]> {
  const own = LEVELS.flatMap(level =>
    logger[level].mock.calls.map((args): [Level, ...unknown[]] => [
      level,
      ...args,
    ]),
  );
  const children = logger.child.mock.results.flatMap(result =>
    result.type === 'return' ? logCalls(result.value as LoggerMock) : [],
  );
  return [...own, ...children];
}

/** Everything logged, as one string, to search for leaked values. */
export function loggedText(logger: LoggerMock): string {
  return JSON.stringify(logCalls(logger), (_key, value) =>
    value instanceof Error
      ? {
          ...value,
          name: value.name,
          message: value.message,
          stack: value.stack,
        }
      : value,
  );
}
