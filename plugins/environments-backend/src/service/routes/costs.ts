import { InputError, NotFoundError, isError } from '@backstage/errors';
import {
  costReadPermission,
  environmentReadPermission,
  topCostRows,
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
  options: Pick<RouterOptions, 'cost' | 'service' | 'costSummaryMaxLimit'>,
  helpers: RouteHelpers,
) {
  const { cost, service, costSummaryMaxLimit } = options;

  async function costAccess<T>(req: RouteRequest<T>) {
    const credentials = await helpers.credentialsOf(req);
    await helpers.authorize(credentials, costReadPermission);
    return helpers.readAccess(credentials);
  }

  /** A breakdown shows the ledger: an environment the caller may not read is not found. */
  async function authorizeReadOrNotFound(
    credentials: Awaited<ReturnType<RouteHelpers['credentialsOf']>>,
    name: string,
  ) {
    try {
      await helpers.authorize(credentials, environmentReadPermission, name);
    } catch (error) {
      if (isError(error) && error.name === 'NotAllowedError') {
        throw new NotFoundError(`No environment named '${name}'`);
      }
      throw error;
    }
  }

  router.get('/cost/summary', async (req, res) => {
    const access = await costAccess(req);
    const { groupBy = 'environment', from, to, limit } = req.query;
    // The spec checks it is a whole number of at least 1; the maximum is configuration.
    if (limit !== undefined && Number(limit) > costSummaryMaxLimit) {
      throw new InputError(
        `limit: must be at most ${costSummaryMaxLimit} (environments.cost.summary.maxLimit), got ${limit}`,
      );
    }
    const summary = await cost.summary(access, {
      groupBy,
      from,
      to,
      filter: costFilterOf(req.query),
    });
    // Every row is computed (the totals add them all up); only the highest are sent.
    res.json(
      topCostRows(summary, limit === undefined ? undefined : Number(limit)),
    );
  });

  router.get('/environments/:name/cost/sharing', async (req, res) => {
    const credentials = await helpers.credentialsOf(req);
    const { name } = req.params;
    await helpers.authorize(credentials, costReadPermission);
    await helpers.authorize(credentials, environmentReadPermission, name);
    const { from, to } = req.query;
    res.json(await cost.sharing(await service.get(name), { from, to }));
  });

  router.get('/environments/:name/cost/breakdown', async (req, res) => {
    const credentials = await helpers.credentialsOf(req);
    const { name } = req.params;
    await helpers.authorize(credentials, costReadPermission);
    await authorizeReadOrNotFound(credentials, name);
    const { from, to } = req.query;
    res.json(await cost.breakdown(await service.get(name), { from, to }));
  });

  router.get('/cost/sharing', async (req, res) => {
    const access = await costAccess(req);
    const { from, to } = req.query;
    res.json(
      await cost.sharingTotals(access, {
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
