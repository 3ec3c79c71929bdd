import type { Request } from 'express';
import {
  Environment,
  environmentUpdatePermission,
  toApiEnvironment,
} from '@greenroom/plugin-environments-common';
import type { EnvironmentsApiRouter } from '../../schema/createOpenApiRouter';
import type { RequestContext } from '../commands/RequestContext';
import type { RouterOptions } from '../router';
import type { RouteHelpers } from './routeHelpers';

/** A variable of the environment, or of one of its services. */
const VARIABLE_PATHS = [
  '/environments/:name/variables/:key',
  '/environments/:name/services/:service/variables/:key',
] as const;

type VariableRequest<ResBody> = Request<
  { name: string; key: string; service?: string },
  ResBody,
  unknown,
  object
>;

/** Setting and deleting one variable; only its key is audited, never its value. */
export function addVariableRoutes(
  router: EnvironmentsApiRouter,
  options: Pick<RouterOptions, 'service'>,
  helpers: RouteHelpers,
) {
  const { service } = options;

  /** The authorized, audited change of the variable the path names. */
  async function changeVariable<ResBody>(
    req: VariableRequest<ResBody>,
    eventId: string,
    change: (
      name: string,
      key: string,
      ctx: RequestContext & { service?: string },
    ) => Promise<Environment>,
  ) {
    const credentials = await helpers.credentialsOf(req);
    const { name, key } = req.params;
    const serviceName = req.params.service;
    await helpers.authorize(credentials, environmentUpdatePermission, name);
    const environment = await helpers.audited(
      eventId,
      req,
      { name, key, service: serviceName ?? null },
      () =>
        change(name, key, {
          ...helpers.contextOf(req, credentials),
          service: serviceName,
        }),
    );
    return toApiEnvironment(environment);
  }

  for (const path of VARIABLE_PATHS) {
    router.put(path, async (req, res) => {
      res.json(
        await changeVariable(
          req,
          'environment-variable-set',
          (name, key, ctx) => service.putVariable(name, key, req.body, ctx),
        ),
      );
    });
    router.delete(path, async (req, res) => {
      res.json(
        await changeVariable(
          req,
          'environment-variable-delete',
          (name, key, ctx) => service.deleteVariable(name, key, ctx),
        ),
      );
    });
  }
}
