import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { ENVIRONMENT_CHANGES_TOPIC } from '@greenroom/plugin-environments-node';
import { readEnvironmentsConfig } from './config';
import { CostService } from './cost/CostService';
import { OperationEngine } from './engine/OperationEngine';
import { resolveEnvironment } from './engine/resolveEnvironment';
import { withChangeEvents } from './events/publishingStore';
import { EnvironmentsExtensions } from './extensions';
import { ManagedDatabases } from './managedDatabases/ManagedDatabases';
import { registerPermissions } from './permissions/registerPermissions';
import { PreviewQuota } from './previews/PreviewQuota';
import { createRuntimes } from './runtimes/createRuntimes';
import { scheduleJobs } from './scheduleJobs';
import { SecretBox } from './secrets/SecretBox';
import { seedEnvironments } from './seed/seedEnvironments';
import { EnvironmentCommands } from './service/EnvironmentCommands';
import { createRouter } from './service/router';
import { createStores } from './storage/createStores';
import { TemplateService } from './templates/TemplateService';

/**
 * The Greenroom environments backend plugin.
 *
 * @public
 */
export const environmentsPlugin = createBackendPlugin({
  pluginId: 'environments',
  register(env) {
    const extensions = new EnvironmentsExtensions();
    extensions.register(env);

    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        userInfo: coreServices.userInfo,
        auditor: coreServices.auditor,
        lifecycle: coreServices.lifecycle,
        scheduler: coreServices.scheduler,
        events: eventsServiceRef,
        notifications: notificationService,
        catalog: catalogServiceRef,
      },
      async init(deps) {
        const { logger } = deps;
        const config = readEnvironmentsConfig(deps.config);
        // A bad id fails start-up even without the modules that label
        // resources with it, and operators see the default.
        logger.info('Greenroom installation', {
          installationId: config.installationId,
        });

        const runtimes = createRuntimes({
          config,
          added: extensions.runtimes,
          logger,
        });

        const secrets = new SecretBox(config.secretsKeys);
        const stores = await createStores({ database: deps.database, secrets });
        const store = withChangeEvents(
          stores.environments,
          eventPayload =>
            deps.events.publish({
              topic: ENVIRONMENT_CHANGES_TOPIC,
              eventPayload,
            }),
          logger,
        );
        registerPermissions(deps.permissionsRegistry, store);

        const { credentials } = stores;
        const engine = new OperationEngine({
          store,
          runtimes,
          logger: logger.child({ component: 'engine' }),
          credentials,
          databases: new ManagedDatabases({
            provider: extensions.managedDatabaseProvider,
            credentials,
            store,
          }),
        });
        const previewQuota = new PreviewQuota({
          store,
          notifications: deps.notifications,
          logger: logger.child({ component: 'preview-quota' }),
          maxRunningPerSystem: config.previews.maxRunningPerSystem,
          wake: () => engine.wake(),
        });
        const service = new EnvironmentCommands({
          store,
          runtimes,
          config,
          wake: () => engine.wake(),
          previewQuota,
        });
        const cost = new CostService({
          store,
          rates: config.prices,
          priceSource: extensions.priceSource,
          rollup: stores.costRollup,
        });
        await scheduleJobs({
          scheduler: deps.scheduler,
          logger,
          auditor: deps.auditor,
          notifications: deps.notifications,
          config,
          secrets,
          stores,
          store,
          runtimes,
          extensions,
          previewQuota,
          service,
          cost,
        });

        deps.httpRouter.use(
          await createRouter({
            service,
            store,
            cost,
            runtimes,
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
            permissionsRegistry: deps.permissionsRegistry,
            userInfo: deps.userInfo,
            auditor: deps.auditor,
            logger,
            templates: new TemplateService({
              catalog: deps.catalog,
              store: stores.templates,
              environments: service,
            }),
            plan: async name => {
              const environment = await service.get(name);
              const runtime = runtimes.get(environment.runtime.type);
              return runtime.plan(
                await resolveEnvironment(store, environment, credentials),
              );
            },
          }),
        );
        deps.httpRouter.addAuthPolicy({
          path: '/health',
          allow: 'unauthenticated',
        });

        deps.lifecycle.addStartupHook(async () => {
          if (config.seedFile) {
            await seedEnvironments({
              file: config.seedFile,
              store,
              service,
              logger,
              costHistoryDays: config.seedCostHistoryDays,
            });
          }
          engine.start();
        });
        deps.lifecycle.addShutdownHook(() => engine.stop());
      },
    });
  },
});
