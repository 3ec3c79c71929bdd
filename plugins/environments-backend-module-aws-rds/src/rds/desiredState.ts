import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import type { EnvironmentsService } from '@greenroom/plugin-environments-node';

/**
 * Asks the environments API whether an environment should be stopped, as the
 * module's own service (a background job has no user). An environment that is
 * gone, or that was recreated under the same name, is not ours to stop: its
 * instance is left to orphan collection.
 */
export function createIsDesiredStopped(deps: {
  environments: EnvironmentsService;
  auth: AuthService;
  logger: LoggerService;
}) {
  return async (
    environmentName: string,
    environmentId: string | undefined,
  ): Promise<boolean> => {
    const credentials = await deps.auth.getOwnServiceCredentials();
    const environment = await deps.environments.getEnvironment(
      environmentName,
      { credentials },
    );
    if (!environment) {
      deps.logger.warn(
        `RDS instance of environment ${environmentName} has no environment any more; leaving it to orphan collection`,
      );
      return false;
    }
    if (environmentId && environment.id !== environmentId) {
      deps.logger.warn(
        `RDS instance of environment ${environmentName} belongs to an earlier environment of that name (id ${environmentId}); leaving it to orphan collection`,
      );
      return false;
    }
    return environment.desiredState === 'stopped';
  };
}
