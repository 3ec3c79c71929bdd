import type {
  AuditorService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { environmentLifecyclePermission } from '@greenroom/plugin-environments-common';
import type { ActingCredentials } from '@greenroom/plugin-environments-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { EnvironmentCommands } from '../service/EnvironmentCommands';
import type { WakeServiceOptions } from './WakeService';

/**
 * Starts an environment for a visit as the wake user
 * (`environments.wake.actAs`), never with the plugin's own credentials: the
 * permission policy decides which environments a visit may start, and the
 * start is audited and recorded as that user's.
 */
export function startAsWakeUser(options: {
  credentials: ActingCredentials;
  permissions: PermissionsService;
  auditor: AuditorService;
  service: Pick<EnvironmentCommands, 'lifecycle'>;
}): WakeServiceOptions['startEnvironment'] {
  const { credentials, permissions, auditor, service } = options;
  return async (environment, idempotencyKey) => {
    const event = await auditor.createEvent({
      eventId: 'environment-wake',
      severityLevel: 'medium',
      meta: { name: environment.name, actAs: credentials.actAs },
    });
    try {
      const [decision] = await permissions.authorize(
        [
          {
            permission: environmentLifecyclePermission,
            resourceRef: environment.name,
          },
        ],
        { credentials: await credentials.get() },
      );
      if (decision.result !== AuthorizeResult.ALLOW) {
        throw new NotAllowedError(
          `${credentials.actAs} (environments.wake.actAs) may not start environment '${environment.name}' (${environmentLifecyclePermission.name})`,
        );
      }
      const { operation } = await service.lifecycle(
        environment.name,
        'start',
        undefined,
        { actor: credentials.actAs, idempotencyKey },
      );
      await event.success();
      return operation;
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
  };
}
