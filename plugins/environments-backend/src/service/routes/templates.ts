import {
  environmentReadPermission,
  environmentUpdatePermission,
  templateUsePermission,
  toApiService,
} from '@greenroom/plugin-environments-common';
import type { EnvironmentsApiRouter } from '../../schema/createOpenApiRouter';
import type { RouterOptions } from '../router';
import { RouteHelpers, sendAccepted, textOf } from './routeHelpers';

/**
 * Service templates: read through the catalog with the caller's
 * credentials; adding or upgrading a service is an update of the
 * environment. Usage shows only the environments the caller may read.
 */
export function addTemplateRoutes(
  router: EnvironmentsApiRouter,
  options: Pick<RouterOptions, 'templates'>,
  helpers: RouteHelpers,
) {
  const { templates } = options;
  const { credentialsOf, contextOf, authorize, audited, readAccess } = helpers;

  router.get('/templates', async (req, res) => {
    const credentials = await credentialsOf(req);
    res.json(
      await templates.list(
        credentials,
        req.query,
        await readAccess(credentials),
      ),
    );
  });

  router.get('/templates/:namespace/:templateName', async (req, res) => {
    const credentials = await credentialsOf(req);
    const { namespace, templateName } = req.params;
    res.json(
      await templates.get(
        credentials,
        namespace,
        templateName,
        await readAccess(credentials),
      ),
    );
  });

  router.post('/environments/:name/services', async (req, res) => {
    const credentials = await credentialsOf(req);
    const { name } = req.params;
    await authorize(credentials, environmentUpdatePermission, name);
    await authorize(credentials, templateUsePermission);
    const body = req.body;
    const add = () =>
      templates.addService(
        name,
        body,
        credentials,
        contextOf(req, credentials),
      );
    const result =
      body?.dryRun === true
        ? await add()
        : await audited(
            'environment-add-service',
            req,
            { name, service: textOf(body?.name) },
            add,
          );
    if ('service' in result) {
      res.status(200).json({ service: toApiService(result.service) });
      return;
    }
    sendAccepted(res, result);
  });

  router.get('/environments/:name/template-upgrades', async (req, res) => {
    const credentials = await credentialsOf(req);
    const { name } = req.params;
    await authorize(credentials, environmentReadPermission, name);
    res.json(await templates.upgrades(name, credentials));
  });

  router.post(
    '/environments/:name/services/:service/upgrade',
    async (req, res) => {
      const credentials = await credentialsOf(req);
      const { name, service: serviceName } = req.params;
      await authorize(credentials, environmentUpdatePermission, name);
      await authorize(credentials, templateUsePermission);
      const upgrade = () =>
        templates.upgradeService(
          name,
          serviceName,
          req.body,
          credentials,
          contextOf(req, credentials),
        );
      const result =
        req.body?.dryRun === true
          ? await upgrade()
          : await audited(
              'environment-upgrade-service',
              req,
              { name, service: serviceName },
              upgrade,
            );
      if ('changes' in result) {
        res.status(200).json(result);
        return;
      }
      sendAccepted(res, result);
    },
  );
}
