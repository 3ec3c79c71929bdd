import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { NotAllowedError } from '@backstage/errors';
import { WAKE_BOT_CONFIG_KEY } from '@greenroom/plugin-environments-common';
import {
  ActAsCredentials,
  ENVIRONMENT_CHANGES_TOPIC,
} from '@greenroom/plugin-environments-node';
import { readEnvironmentsConfig } from './config';
import { CostService } from './cost/CostService';
import { ClusterCostSource } from './cost/sources/ClusterCostSource';
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
import { templateDataRules } from './service/commands/templateDataRules';
import { createRouter } from './service/router';
import { createStores } from './storage/createStores';
import { TemplateService } from './templates/TemplateService';
import { createWakeRouter } from './wake/createWakeRouter';
import { startAsWakeUser } from './wake/startAsWakeUser';
import { WakeService } from './wake/WakeService';

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
        discovery: coreServices.discovery,
        auth: coreServices.auth,
      },
      async init(deps) {
        const { logger } = deps;
        const config = readEnvironmentsConfig(deps.config);
        const appBaseUrl = deps.config.getOptionalString('app.baseUrl');
        // A bad id fails start-up even without the modules that label
        // resources with it, and operators see the default.
        logger.info('Greenroom installation', {
          installationId: config.installationId,
        });

        // What browsers open: the local runtime's services and the waking pages.
        const publicBaseUrl = await deps.discovery.getExternalBaseUrl(
          'environments',
        );
        const wakePages = {
          urlFor: (environment: string, service: string) =>
            `${publicBaseUrl}/wake/${encodeURIComponent(
              environment,
            )}/${encodeURIComponent(service)}`,
        };
        const runtimes = createRuntimes({
          config,
          added: extensions.runtimes,
          logger,
          localServicesBaseUrl: `${publicBaseUrl}/local-services`,
        });

        const secrets = new SecretBox(config.secretsKeys);
        const stores = await createStores({
          database: deps.database,
          secrets,
          costReportWorkMemMb: config.costReportWorkMemMb,
        });
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
        const databases = new ManagedDatabases({
          provider: extensions.managedDatabaseProvider,
          credentials,
          store,
        });
        const engine = new OperationEngine({
          store,
          runtimes,
          logger: logger.child({ component: 'engine' }),
          credentials,
          databases,
          wakePages,
          observations: stores.observations,
          observeAgainAfterMs: config.reconcile.intervalMs,
        });
        const previewQuota = new PreviewQuota({
          store,
          notifications: deps.notifications,
          logger: logger.child({ component: 'preview-quota' }),
          quota: config.previews.quota,
          wake: () => engine.wake(),
        });
        const service = new EnvironmentCommands({
          store,
          runtimes,
          config,
          wake: () => engine.wake(),
          submit: queued => engine.submit(queued),
          previewQuota,
          templateData: source =>
            templateDataRules(source, stores.templates, logger),
        });
        if (
          extensions.priceSource &&
          config.priceSources.ratesSource !== 'estimate'
        ) {
          throw new Error(
            'environments.priceSources.awsRdsPriceFile: a price module sets the rates already; use one of them',
          );
        }
        const { cluster } = config.priceSources;
        const cost = new CostService({
          store,
          rates: config.prices,
          ratesSource: config.priceSources.ratesSource,
          priceSource: extensions.priceSource,
          rollup: stores.costRollup,
          breakdownLimits: config.costBreakdown,
          clusterCost: cluster ? new ClusterCostSource(cluster) : undefined,
          logger: logger.child({ component: 'cost' }),
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
          databases,
          announce: store.announce,
        });

        // Before the API's router: its paths are pages for browsers, not the API.
        deps.httpRouter.use(
          createWakeRouter({
            wake: new WakeService({
              store,
              observations: stores.observations,
              startEnvironment: config.wake.actAs
                ? startAsWakeUser({
                    credentials: new ActAsCredentials({
                      auth: deps.auth,
                      discovery: deps.discovery,
                      actAs: config.wake.actAs,
                      configKey: WAKE_BOT_CONFIG_KEY,
                    }),
                    permissions: deps.permissions,
                    auditor: deps.auditor,
                    service,
                  })
                : async () => {
                    // Unreachable: without actAs waking is off and nothing starts.
                    throw new NotAllowedError(
                      'environments.wake.actAs is not set',
                    );
                  },
              settings: config.wake,
            }),
            store,
            portalUrl: name =>
              appBaseUrl &&
              `${appBaseUrl}/environments/${encodeURIComponent(name)}`,
          }),
        );
        // Visitors of an environment's public URL are not signed in to the portal.
        for (const path of ['/wake', '/local-services']) {
          deps.httpRouter.addAuthPolicy({ path, allow: 'unauthenticated' });
        }
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
            observations: stores.observations,
            previewQuota,
            costSummaryMaxLimit: config.costSummaryMaxLimit,
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
