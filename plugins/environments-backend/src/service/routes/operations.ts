import { NotAllowedError, NotFoundError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { environmentReadPermission } from '@greenroom/plugin-environments-common';
import type { EnvironmentsApiRouter } from '../../schema/createOpenApiRouter';
import { toApiOperation } from '../apiObjects';
import type { RouterOptions } from '../router';
import type { RouteHelpers } from './routeHelpers';

/** Operations: an environment's timeline, and one operation by id. */
export function addOperationRoutes(
  router: EnvironmentsApiRouter,
  options: Pick<RouterOptions, 'service' | 'store' | 'permissions'>,
  helpers: RouteHelpers,
) {
  const { service, store, permissions } = options;
  const { credentialsOf, authorize } = helpers;

  router.get('/environments/:name/operations', async (req, res) => {
    const credentials = await credentialsOf(req);
    await authorize(credentials, environmentReadPermission, req.params.name);
    const environment = await service.get(req.params.name);
    const items = await store.listOperations(environment.id, { limit: 100 });
    res.json({ items: items.map(toApiOperation) });
  });

  router.get('/operations/:id', async (req, res) => {
    const credentials = await credentialsOf(req);
    const operation = await store.getOperation(req.params.id);
    if (!operation) {
      throw new NotFoundError(`No operation with id '${req.params.id}'`);
    }
    // Its name is all the permission check needs: not its services and variables.
    const environment = await store.getEnvironmentHeaderById(
      operation.environmentId,
    );
    if (environment) {
      await authorize(credentials, environmentReadPermission, environment.name);
    } else {
      // The environment is gone (destroyed): only unconditional readers may look.
      const [decision] = await permissions.authorizeConditional(
        [{ permission: environmentReadPermission }],
        { credentials },
      );
      if (decision.result !== AuthorizeResult.ALLOW) {
        throw new NotAllowedError(
          `You may not read operation '${req.params.id}'`,
        );
      }
    }
    res.json(toApiOperation(operation));
  });
}
