import type { LoggerService } from '@backstage/backend-plugin-api';

type LoggerMock = jest.Mocked<LoggerService>;
type Level = 'error' | 'warn' | 'info' | 'debug';

const LEVELS: Level[] = ['error', 'warn', 'info', 'debug'];

/**
 * Every call made on a `mockServices.logger.mock()` and on the child loggers
 * it handed out, as `[level, message, meta]`. A child that is its parent (a
 * mock whose `child` returns itself) is read once.
 *
 * @public
 */
export function logCalls(
  logger: LoggerMock,
  seen: Set<LoggerMock> = new Set(),
): Array<[Level, ...unknown[]]> {
  if (seen.has(logger)) return [];
  seen.add(logger);
  const own = LEVELS.flatMap(level =>
    logger[level].mock.calls.map((args): [Level, ...unknown[]] => [
      level,
      ...args,
    ]),
  );
  const children = logger.child.mock.results.flatMap(result =>
    result.type === 'return' ? logCalls(result.value as LoggerMock, seen) : [],
  );
  return [...own, ...children];
}

/**
 * Everything logged, as one string, to search for leaked values.
 *
 * @public
 */
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
