import {
  costReadPermission,
  type EnvironmentMode,
} from '@greenroom/plugin-environments-common';
import type { EnvironmentsApiRouter } from '../../schema/createOpenApiRouter';
import type { RouterOptions } from '../router';
import type { RouteHelpers, RouteRequest } from './routeHelpers';

const costFilterOf = (query: {
  owner?: string;
  system?: string;
  mode?: EnvironmentMode;
  environment?: string;
}) => ({
  owner: query.owner,
  system: query.system,
  mode: query.mode,
  environment: query.environment,
});

/**
 * Cost reports: cost.read to see them at all, and only environments the
 * caller may read count.
 */
export function addCostRoutes(
  router: EnvironmentsApiRouter,
  options: Pick<RouterOptions, 'cost'>,
  helpers: RouteHelpers,
) {
  const { cost } = options;

  async function costAccess<T>(req: RouteRequest<T>) {
    const credentials = await helpers.credentialsOf(req);
    await helpers.authorize(credentials, costReadPermission);
    return helpers.readAccess(credentials);
  }

  router.get('/cost/summary', async (req, res) => {
    const access = await costAccess(req);
    const { groupBy = 'environment', from, to } = req.query;
    res.json(
      await cost.summary(access, {
        groupBy,
        from,
        to,
        filter: costFilterOf(req.query),
      }),
    );
  });

  router.get('/cost/series', async (req, res) => {
    const access = await costAccess(req);
    const { groupBy = 'environment', from, to, granularity } = req.query;
    res.json(
      await cost.series(access, {
        groupBy,
        from,
        to,
        granularity: granularity ?? 'day',
        filter: costFilterOf(req.query),
      }),
    );
  });

  router.get('/cost/export.csv', async (req, res) => {
    const access = await costAccess(req);
    const { groupBy = 'environment', from, to } = req.query;
    const csv = await cost.csv(access, {
      groupBy,
      from,
      to,
      filter: costFilterOf(req.query),
    });
    res
      .status(200)
      .type('text/csv; charset=utf-8')
      .attachment(csv.filename)
      .send(csv.body);
  });
}
