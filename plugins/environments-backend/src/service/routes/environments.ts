import { InputError } from '@backstage/errors';
import {
  environmentClonePermission,
  environmentCreatePermission,
  environmentDeletePermission,
  environmentLifecyclePermission,
  environmentReadPermission,
  environmentUpdatePermission,
  toApiEnvironment,
} from '@greenroom/plugin-environments-common';
import type { EnvironmentsApiRouter } from '../../schema/createOpenApiRouter';
import type { RouterOptions } from '../router';
import { RouteHelpers, sendAccepted, textOf } from './routeHelpers';
import { sharingReads } from './sharingReads';

/** Portal views count as activity at most once a minute per environment. */
const VIEW_ACTIVITY_INTERVAL_MS = 60_000;

/** Environments: list, create, clone, read, update, lifecycle, activity, plan. */
export function addEnvironmentRoutes(
  router: EnvironmentsApiRouter,
  options: Pick<
    RouterOptions,
    'service' | 'store' | 'logger' | 'plan' | 'observations'
  >,
  helpers: RouteHelpers,
) {
  const { service, store, observations } = options;
  const { credentialsOf, actorOf, contextOf, authorize, audited, readAccess } =
    helpers;

  router.get('/environments', async (req, res) => {
    const credentials = await credentialsOf(req);
    const access = await readAccess(credentials);

    const q = req.query;
    const result = await store.listEnvironments({
      filter: {
        system: q.system,
        owner: q.owner,
        component: q.component,
        mode: q.mode,
        status: q.status,
        q: q.q,
      },
      access,
      sort: q.sort ?? 'name',
      limit: Number(q.limit ?? 50),
      offset: Number(q.offset ?? 0),
    });
    const observed = await observations.forEnvironments(
      result.items.map(e => e.id),
    );
    const shared = await sharingReads(store, result.items);
    res.json({
      items: result.items.map(e =>
        toApiEnvironment(e, observed.get(e.id), shared.get(e.id)),
      ),
      totalCount: result.totalCount,
    });
  });

  router.post('/environments', async (req, res) => {
    const credentials = await credentialsOf(req);
    await authorize(credentials, environmentCreatePermission);
    const name = textOf(req.body?.name);
    const result = await audited('environment-create', req, { name }, () =>
      service.create(req.body, contextOf(req, credentials)),
    );
    sendAccepted(res, result);
  });

  router.post('/environments/:name/clone', async (req, res) => {
    const credentials = await credentialsOf(req);
    const { name } = req.params;
    await authorize(credentials, environmentReadPermission, name);
    await authorize(credentials, environmentClonePermission, name);
    await authorize(credentials, environmentCreatePermission);
    const body = req.body;
    const clone = () => service.clone(name, body, contextOf(req, credentials));
    // A dry run changes nothing, so only the real clone is audited.
    const result =
      body?.dryRun === true
        ? await clone()
        : await audited(
            'environment-clone',
            req,
            { source: name, name: textOf(body?.name) },
            clone,
          );
    if ('plan' in result) {
      res.status(200).json(result.plan);
      return;
    }
    options.logger.info('Cloned environment', {
      source: name,
      target: result.environment?.name ?? '',
    });
    sendAccepted(res, result);
  });

  router.get('/environments/:name', async (req, res) => {
    const credentials = await credentialsOf(req);
    await authorize(credentials, environmentReadPermission, req.params.name);
    const environment = await service.get(req.params.name);
    if (
      'userEntityRef' in credentials.principal &&
      Date.now() - Date.parse(environment.lastActivityAt) >
        VIEW_ACTIVITY_INTERVAL_MS
    ) {
      await store.recordActivity(environment.id, {
        kind: 'view',
        actor: actorOf(credentials),
        at: new Date(),
      });
    }
    const observed = await observations.forEnvironments([environment.id]);
    const shared = await sharingReads(store, [environment], {
      dependants: true,
    });
    res.json(
      toApiEnvironment(
        environment,
        observed.get(environment.id),
        shared.get(environment.id),
      ),
    );
  });

  router.patch('/environments/:name', async (req, res) => {
    const credentials = await credentialsOf(req);
    const { name } = req.params;
    await authorize(credentials, environmentUpdatePermission, name);
    // Setting or shortening the expiry can destroy it: as much as a delete.
    if (req.body && Object.hasOwn(req.body, 'expiresAt')) {
      await authorize(credentials, environmentDeletePermission, name);
    }
    const result = await audited('environment-update', req, { name }, () =>
      service.update(name, req.body, contextOf(req, credentials)),
    );
    const { operation } = result;
    if (operation) {
      sendAccepted(res, { ...result, operation });
    } else if (!('replayed' in result)) {
      res.status(200).json(toApiEnvironment(result.environment));
    }
  });

  router.delete('/environments/:name', async (req, res) => {
    const credentials = await credentialsOf(req);
    const { name } = req.params;
    await authorize(credentials, environmentDeletePermission, name);
    const result = await audited('environment-destroy', req, { name }, () =>
      service.lifecycle(
        name,
        'destroy',
        // A DELETE has no body: confirmation comes as ?force=true.
        req.query.force === undefined
          ? undefined
          : { force: req.query.force === 'true' },
        contextOf(req, credentials),
      ),
    );
    sendAccepted(res, result);
  });

  for (const action of ['stop', 'start', 'extend'] as const) {
    router.post(`/environments/:name/${action}`, async (req, res) => {
      const credentials = await credentialsOf(req);
      const { name } = req.params;
      await authorize(credentials, environmentLifecyclePermission, name);
      const result = await audited(`environment-${action}`, req, { name }, () =>
        service.lifecycle(name, action, req.body, contextOf(req, credentials)),
      );
      sendAccepted(res, result);
    });
  }

  // Re-applying redeploys what is stored: as much an update as any change.
  router.post('/environments/:name/reapply', async (req, res) => {
    const credentials = await credentialsOf(req);
    const { name } = req.params;
    await authorize(credentials, environmentUpdatePermission, name);
    const result = await audited('environment-reapply', req, { name }, () =>
      service.lifecycle(
        name,
        'reapply',
        undefined,
        contextOf(req, credentials),
      ),
    );
    sendAccepted(res, result);
  });

  router.post('/environments/:name/activity', async (req, res) => {
    const credentials = await credentialsOf(req);
    const { name } = req.params;
    // Activity keeps an environment from stopping: more than reading it.
    await authorize(credentials, environmentLifecyclePermission, name);
    const environment = await service.get(name);
    const kind: unknown = req.body?.kind ?? 'ingress';
    if (typeof kind !== 'string' || !/^[a-z][a-z0-9-]{0,30}$/.test(kind)) {
      throw new InputError(
        'kind: must be a short lower-case word such as "ingress"',
      );
    }
    await store.recordActivity(environment.id, {
      kind,
      actor: actorOf(credentials),
      at: new Date(),
    });
    res.status(204).end();
  });

  router.get('/environments/:name/plan', async (req, res) => {
    const credentials = await credentialsOf(req);
    await authorize(credentials, environmentReadPermission, req.params.name);
    res.json(await options.plan(req.params.name));
  });
}
