import type { EnvironmentsApiRouter } from '../../schema/createOpenApiRouter';
import type { RouterOptions } from '../router';
import type { RouteHelpers } from './routeHelpers';

/**
 * Previews: how full their quotas are. Anyone signed in sees the counts; the
 * previews named are only those the caller may read, as in the list.
 */
export function addPreviewRoutes(
  router: EnvironmentsApiRouter,
  options: Pick<RouterOptions, 'previewQuota'>,
  helpers: RouteHelpers,
) {
  router.get('/previews/quota', async (req, res) => {
    const access = await helpers.readAccess(await helpers.credentialsOf(req));
    res.json(await options.previewQuota.usage(access));
  });
}
