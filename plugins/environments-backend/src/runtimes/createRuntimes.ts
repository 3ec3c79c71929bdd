import type { LoggerService } from '@backstage/backend-plugin-api';
import type { EnvironmentRuntime } from '@greenroom/plugin-environments-node';
import type { EnvironmentsConfig } from '../config';
import { LocalPostgresServer } from './LocalPostgresServer';
import { LocalRuntime } from './LocalRuntime';
import { RuntimeRegistry } from './RuntimeRegistry';

/**
 * The built-in `local` runtime and those modules added. An unknown
 * `environments.defaultRuntime` fails start-up rather than every create.
 */
export function createRuntimes(options: {
  config: Pick<
    EnvironmentsConfig,
    'defaultRuntime' | 'localRuntimeDelayMs' | 'localPostgres'
  >;
  added: EnvironmentRuntime[];
  logger: LoggerService;
  /** Where the backend serves the local runtime's services. */
  localServicesBaseUrl?: string;
}): RuntimeRegistry {
  const { config, added, logger } = options;
  const runtimes = new RuntimeRegistry();
  runtimes.add(
    new LocalRuntime({
      logger: logger.child({ runtime: 'local' }),
      delayMs: config.localRuntimeDelayMs,
      servicesBaseUrl: options.localServicesBaseUrl,
      postgres:
        config.localPostgres && new LocalPostgresServer(config.localPostgres),
    }),
  );
  added.forEach(runtime => runtimes.add(runtime));
  runtimes.get(config.defaultRuntime);
  logger.info('Environment runtimes available', {
    runtimes: runtimes.types().join(','),
  });
  return runtimes;
}
