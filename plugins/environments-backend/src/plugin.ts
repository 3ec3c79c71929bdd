import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import {
  ENVIRONMENT_CHANGES_TOPIC,
  environmentsRuntimeExtensionPoint,
  EnvironmentRuntime,
} from '@greenroom/plugin-environments-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { withChangeEvents } from './events/publishingStore';
import {
  ENVIRONMENT_RESOURCE_TYPE,
  environmentsPermissions,
} from '@greenroom/plugin-environments-common';
import { isResourcePermission } from '@backstage/plugin-permission-common';
import { readEnvironmentsConfig } from './config';
import { CostService } from './cost/CostService';
import { DatabaseEnvironmentsStore } from './database/DatabaseEnvironmentsStore';
import { OperationEngine } from './engine/OperationEngine';
import { PreviewQuota } from './previews/PreviewQuota';
import { PREVIEW_QUOTA_ACTOR } from './previews/quota';
import { resolveEnvironment } from './engine/resolveEnvironment';
import {
  environmentPermissionResourceRef,
  environmentPermissionRules,
} from './permissions/rules';
import { RuntimeRegistry } from './runtimes/RuntimeRegistry';
import { LocalRuntime } from './runtimes/LocalRuntime';
import { SecretBox } from './secrets/SecretBox';
import { seedEnvironments } from './seed/seedEnvironments';
import { EnvironmentsService } from './service/EnvironmentsService';
import { createRouter } from './service/router';

/**
 * The Greenroom environments backend plugin.
 *
 * @public
 */
export const environmentsPlugin = createBackendPlugin({
  pluginId: 'environments',
  register(env) {
    const addedRuntimes: EnvironmentRuntime[] = [];
    env.registerExtensionPoint(environmentsRuntimeExtensionPoint, {
      addRuntime(...runtimes) {
        addedRuntimes.push(...runtimes);
      },
    });

    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        auditor: coreServices.auditor,
        lifecycle: coreServices.lifecycle,
        scheduler: coreServices.scheduler,
        events: eventsServiceRef,
        notifications: notificationService,
      },
      async init(deps) {
        const { logger, httpRouter, permissionsRegistry, lifecycle } = deps;
        const config = readEnvironmentsConfig(deps.config);

        const runtimes = new RuntimeRegistry();
        runtimes.add(
          new LocalRuntime({
            logger: logger.child({ runtime: 'local' }),
            delayMs: deps.config.getOptionalNumber(
              'environments.localRuntime.delayMs',
            ),
          }),
        );
        addedRuntimes.forEach(runtime => runtimes.add(runtime));
        runtimes.get(config.defaultRuntime);
        logger.info('Environment runtimes available', {
          runtimes: runtimes.types().join(','),
        });

        const store = withChangeEvents(
          await DatabaseEnvironmentsStore.create({
            database: deps.database,
            secrets: new SecretBox(config.secretsKey),
          }),
          eventPayload =>
            deps.events.publish({
              topic: ENVIRONMENT_CHANGES_TOPIC,
              eventPayload,
            }),
          logger,
        );

        permissionsRegistry.addPermissions(environmentsPermissions);
        permissionsRegistry.addResourceType({
          resourceRef: environmentPermissionResourceRef,
          permissions: environmentsPermissions.filter(p =>
            isResourcePermission(p, ENVIRONMENT_RESOURCE_TYPE),
          ),
          rules: environmentPermissionRules,
          getResources: names =>
            Promise.all(names.map(n => store.getEnvironment(n))),
        });

        const engine = new OperationEngine({
          store,
          runtimes,
          logger: logger.child({ component: 'engine' }),
        });
        const previewQuota = new PreviewQuota({
          store,
          notifications: deps.notifications,
          logger: logger.child({ component: 'preview-quota' }),
          maxRunningPerSystem: config.previews.maxRunningPerSystem,
          wake: () => engine.wake(),
        });
        const service = new EnvironmentsService({
          store,
          runtimes,
          config,
          wake: () => engine.wake(),
          previewQuota,
        });
        // Also runs without a quota, so previews queued under an old one start.
        await deps.scheduler.scheduleTask({
          id: 'environments-start-queued-previews',
          frequency: { minutes: 1 },
          timeout: { minutes: 5 },
          initialDelay: { seconds: 30 },
          scope: 'global',
          fn: signal =>
            previewQuota.startQueued(
              name =>
                service.lifecycle(name, 'start', undefined, {
                  actor: PREVIEW_QUOTA_ACTOR,
                }),
              signal,
            ),
        });

        httpRouter.use(
          await createRouter({
            service,
            store,
            cost: new CostService({ store, rates: config.prices }),
            runtimes,
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
            permissionsRegistry,
            auditor: deps.auditor,
            logger,
            plan: async name => {
              const environment = await service.get(name);
              const runtime = runtimes.get(environment.runtime.type);
              const resolved = await resolveEnvironment(store, environment);
              return runtime.plan(resolved);
            },
          }),
        );
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });

        lifecycle.addStartupHook(async () => {
          if (config.seedFile) {
            await seedEnvironments({
              file: config.seedFile,
              store,
              service,
              logger,
            });
          }
          engine.start();
        });
        lifecycle.addShutdownHook(() => engine.stop());
      },
    });
  },
});
