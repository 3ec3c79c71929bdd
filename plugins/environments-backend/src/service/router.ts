import {
  AuditorService,
  BackstageCredentials,
  BackstageServicePrincipal,
  BackstageUserPrincipal,
  HttpAuthService,
  LoggerService,
  PermissionsRegistryService,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import { createConditionTransformer } from '@backstage/plugin-permission-node';
import {
  costReadPermission,
  environmentClonePermission,
  environmentCreatePermission,
  environmentDeletePermission,
  environmentLifecyclePermission,
  environmentReadPermission,
  environmentUpdatePermission,
  templateUsePermission,
  toApiEnvironment,
  toApiService,
  type ApiAccepted,
  type EnvironmentMode,
} from '@greenroom/plugin-environments-common';
import type { RuntimePlan } from '@greenroom/plugin-environments-node';
import type { JsonObject } from '@backstage/types';
import type { Request, RequestHandler, Response } from 'express';
import { EnvironmentAccessFilter, EnvironmentsStore } from '../storage/types';

/** A route's request, for the helpers all routes share. */
type RouteRequest<ResBody> = Request<object, ResBody, unknown, object>;
import { CostService } from '../cost/CostService';
import { toAccessFilter } from '../permissions/accessFilter';
import { environmentPermissionResourceRef } from '../permissions/rules';
import { RuntimeRegistry } from '../runtimes/RuntimeRegistry';
import { createOpenApiRouter } from '../schema/createOpenApiRouter';
import {
  IDEMPOTENT_REPLAYED_HEADER,
  toAcceptedResponse,
  toApiOperation,
} from './apiObjects';
import { createCallerAccess } from './callerAccess';
import { EnvironmentCommands, RequestContext } from './EnvironmentCommands';
import { requestFingerprint } from './idempotency';
import type { TemplateService } from '../templates/TemplateService';

export interface RouterOptions {
  service: EnvironmentCommands;
  store: EnvironmentsStore;
  cost: CostService;
  runtimes: RuntimeRegistry;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  permissionsRegistry: PermissionsRegistryService;
  /** The caller's ownership refs, for who may own what they create. */
  userInfo: UserInfoService;
  auditor: AuditorService;
  logger: LoggerService;
  /** Builds what a runtime sees, for the dry-run plan. */
  plan: (environmentName: string) => Promise<RuntimePlan>;
  templates: TemplateService;
}

/** Portal views count as activity at most once a minute per environment. */
const VIEW_ACTIVITY_INTERVAL_MS = 60_000;

export async function createRouter(
  options: RouterOptions,
): Promise<RequestHandler> {
  const { service, store, cost, runtimes, httpAuth, permissions, auditor } =
    options;
  const router = createOpenApiRouter();
  // PostgreSQL text cannot hold a NUL character: refuse one anywhere in the
  // request as bad input, rather than answering 500 when the query fails.
  router.use((req, _res, next) => {
    next(
      req.url.includes('%00') || containsNul(req.body)
        ? new InputError('The request must not contain a NUL character')
        : undefined,
    );
  });
  const ruleset = options.permissionsRegistry.getPermissionRuleset(
    environmentPermissionResourceRef,
  );
  const transformConditions = createConditionTransformer(ruleset);

  const credentialsOf = <T>(req: RouteRequest<T>) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });

  type Credentials = BackstageCredentials<
    BackstageUserPrincipal | BackstageServicePrincipal
  >;
  const actorOf = ({ principal }: Credentials) =>
    principal.type === 'user'
      ? principal.userEntityRef
      : `service:${principal.subject}`;

  const contextOf = <T>(
    req: RouteRequest<T>,
    credentials: Credentials,
  ): RequestContext => {
    const ifMatch = req.header('if-match');
    let expectedRevision: number | undefined;
    if (ifMatch !== undefined) {
      const revision = ifMatch.replace(/^W\//, '').replace(/"/g, '');
      // Digits only: Number() would also read '0x1', '1e0' or ' ' as revisions.
      expectedRevision = /^\d+$/.test(revision) ? Number(revision) : NaN;
      if (!Number.isSafeInteger(expectedRevision)) {
        throw new InputError(
          `If-Match: must be a revision number, got '${ifMatch}'`,
        );
      }
    }
    const idempotencyKey = req.header('idempotency-key') || undefined;
    return {
      actor: actorOf(credentials),
      idempotencyKey,
      // The key replays only this request (422 for another one).
      requestFingerprint: idempotencyKey
        ? requestFingerprint(req.method, req.baseUrl + req.path, req.body)
        : undefined,
      expectedRevision,
      caller: createCallerAccess({
        credentials,
        permissions,
        userInfo: options.userInfo,
        ruleset,
      }),
    };
  };

  async function authorize(
    credentials: BackstageCredentials,
    permission: BasicPermission | ResourcePermission<'environment'>,
    environmentName?: string,
  ) {
    const [decision] = await permissions.authorize(
      [
        permission.type === 'resource'
          ? { permission, resourceRef: environmentName! }
          : { permission },
      ],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      // A conditional policy denies what does not exist (it has nothing to
      // match): say so, as names are no secret (creating one answers 409).
      if (environmentName && !(await store.getEnvironment(environmentName))) {
        throw new NotFoundError(`No environment named '${environmentName}'`);
      }
      throw new NotAllowedError(
        `You may not ${permission.attributes.action ?? 'use'} ${
          environmentName ? `environment '${environmentName}'` : 'environments'
        } (${permission.name})`,
      );
    }
  }

  /** Runs a mutation as an audited event that succeeds or fails with it. */
  async function audited<T, ResBody>(
    eventId: string,
    req: RouteRequest<ResBody>,
    meta: JsonObject,
    fn: () => Promise<T>,
  ): Promise<T> {
    const event = await auditor.createEvent({
      eventId,
      severityLevel: eventId === 'environment-destroy' ? 'high' : 'medium',
      request: req,
      meta,
    });
    try {
      const result = await fn();
      await event.success();
      return result;
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
  }

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok', runtimes: runtimes.types() });
  });

  /** Which environments the caller may read, as the store's filter. */
  async function readAccess(
    credentials: BackstageCredentials,
  ): Promise<EnvironmentAccessFilter> {
    const [decision] = await permissions.authorizeConditional(
      [{ permission: environmentReadPermission }],
      { credentials },
    );
    if (decision.result === AuthorizeResult.ALLOW) return { allow: 'all' };
    if (decision.result === AuthorizeResult.CONDITIONAL) {
      return toAccessFilter(transformConditions(decision.conditions));
    }
    return { allow: 'none' };
  }

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
    res.json({
      items: result.items.map(toApiEnvironment),
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
    res.json(toApiEnvironment(environment));
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
        undefined,
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

  // Service templates: read through the catalog with the caller's
  // credentials; adding or upgrading a service is an update of the environment.
  // Usage shows only the environments the caller may read.
  router.get('/templates', async (req, res) => {
    const credentials = await credentialsOf(req);
    res.json(
      await options.templates.list(
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
      await options.templates.get(
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
      options.templates.addService(
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
    res.json(await options.templates.upgrades(name, credentials));
  });

  router.post(
    '/environments/:name/services/:service/upgrade',
    async (req, res) => {
      const credentials = await credentialsOf(req);
      const { name, service: serviceName } = req.params;
      await authorize(credentials, environmentUpdatePermission, name);
      await authorize(credentials, templateUsePermission);
      const upgrade = () =>
        options.templates.upgradeService(
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

  router.get('/environments/:name/plan', async (req, res) => {
    const credentials = await credentialsOf(req);
    await authorize(credentials, environmentReadPermission, req.params.name);
    res.json(await options.plan(req.params.name));
  });

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
    const environment = await store.getEnvironmentById(operation.environmentId);
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

  // Cost reports: cost.read to see them at all, and only environments the
  // caller may read count.
  async function costAccess<T>(req: RouteRequest<T>) {
    const credentials = await credentialsOf(req);
    await authorize(credentials, costReadPermission);
    return readAccess(credentials);
  }

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

  // A variable of the environment, or of one of its services.
  const variablePaths = [
    '/environments/:name/variables/:key',
    '/environments/:name/services/:service/variables/:key',
  ] as const;
  for (const path of variablePaths) {
    router.put(path, async (req, res) => {
      const credentials = await credentialsOf(req);
      const { name, key } = req.params;
      const serviceName =
        'service' in req.params ? req.params.service : undefined;
      await authorize(credentials, environmentUpdatePermission, name);
      // Only the key is audited, never the value.
      const environment = await audited(
        'environment-variable-set',
        req,
        { name, key, service: serviceName ?? null },
        () =>
          service.putVariable(name, key, req.body, {
            ...contextOf(req, credentials),
            service: serviceName,
          }),
      );
      res.json(toApiEnvironment(environment));
    });
    router.delete(path, async (req, res) => {
      const credentials = await credentialsOf(req);
      const { name, key } = req.params;
      const serviceName =
        'service' in req.params ? req.params.service : undefined;
      await authorize(credentials, environmentUpdatePermission, name);
      const environment = await audited(
        'environment-variable-delete',
        req,
        { name, key, service: serviceName ?? null },
        () =>
          service.deleteVariable(name, key, {
            ...contextOf(req, credentials),
            service: serviceName,
          }),
      );
      res.json(toApiEnvironment(environment));
    });
  }

  return router;
}

/**
 * The `202 Accepted` answer of a mutation. A replay of an earlier request with
 * the same Idempotency-Key says so in a header, so that a caller can tell
 * "done now" from "done before" (e.g. a webhook delivered twice).
 */
function sendAccepted(
  res: Response<ApiAccepted>,
  result: Parameters<typeof toAcceptedResponse>[0] & { replayed?: boolean },
) {
  if (result.replayed) res.setHeader(IDEMPOTENT_REPLAYED_HEADER, 'true');
  res.status(202).json(toAcceptedResponse(result));
}

/**
 * A request field for audit metadata, before validation: String() would throw
 * (500) on an object such as `{ "toString": 1, "valueOf": 1 }`.
 */
function textOf(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** Whether a string or key anywhere in a parsed JSON body holds a NUL. */
function containsNul(body: unknown): boolean {
  const pending = [body];
  while (pending.length > 0) {
    const value = pending.pop();
    if (typeof value === 'string') {
      if (value.includes('\u0000')) return true;
    } else if (value && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        if (key.includes('\u0000')) return true;
        pending.push(item);
      }
    }
  }
  return false;
}
