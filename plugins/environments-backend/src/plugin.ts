import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import {
  ActivitySource,
  ENVIRONMENT_CHANGES_TOPIC,
  environmentsActivityExtensionPoint,
  environmentsManagedDatabaseExtensionPoint,
  environmentsPricingExtensionPoint,
  environmentsRuntimeExtensionPoint,
  EnvironmentRuntime,
  ManagedDatabaseProvider,
  PriceSource,
} from '@greenroom/plugin-environments-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { withChangeEvents } from './events/publishingStore';
import {
  ENVIRONMENT_RESOURCE_TYPE,
  environmentsPermissions,
} from '@greenroom/plugin-environments-common';
import { isResourcePermission } from '@backstage/plugin-permission-common';
import { readEnvironmentsConfig } from './config';
import { CostService } from './cost/CostService';
import { CostRollup } from './cost/CostRollup';
import { OrphanCollector, orphanSourcesOf } from './orphans/OrphanCollector';
import { OrphanSightings } from './orphans/OrphanSightings';
import { DatabaseEnvironmentsStore } from './database/DatabaseEnvironmentsStore';
import { OperationEngine } from './engine/OperationEngine';
import { PreviewQuota } from './previews/PreviewQuota';
import { PREVIEW_QUOTA_ACTOR } from './previews/quota';
import { ActivityPoller } from './policies/ActivityPoller';
import { PolicyStore } from './policies/PolicyStore';
import { PolicySweep } from './policies/PolicySweep';
import { resolveEnvironment } from './engine/resolveEnvironment';
import {
  environmentPermissionResourceRef,
  environmentPermissionRules,
} from './permissions/rules';
import { RuntimeRegistry } from './runtimes/RuntimeRegistry';
import { LocalRuntime } from './runtimes/LocalRuntime';
import { SecretBox } from './secrets/SecretBox';
import { SecretRotation } from './secrets/SecretRotation';
import { seedEnvironments } from './seed/seedEnvironments';
import { EnvironmentCommands } from './service/EnvironmentCommands';
import { createRouter } from './service/router';
import { DatabaseCredentialStore } from './databases/DatabaseCredentialStore';
import { ManagedDatabases } from './databases/ManagedDatabases';
import { TemplateService } from './templates/TemplateService';
import { TemplateStore } from './templates/TemplateStore';

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
    const activitySources: ActivitySource[] = [];
    env.registerExtensionPoint(environmentsActivityExtensionPoint, {
      addActivitySource(...sources) {
        activitySources.push(...sources);
      },
    });

    let priceSource: PriceSource | undefined;
    env.registerExtensionPoint(environmentsPricingExtensionPoint, {
      setPriceSource(source) {
        if (priceSource) {
          throw new Error(
            'A price source is already set; install only one module that sets prices',
          );
        }
        priceSource = source;
      },
    });

    let managedDatabaseProvider: ManagedDatabaseProvider | undefined;
    env.registerExtensionPoint(environmentsManagedDatabaseExtensionPoint, {
      setManagedDatabaseProvider(provider) {
        if (managedDatabaseProvider) {
          throw new Error(
            `A managed database provider ('${managedDatabaseProvider.type}') is already set; install only one module for managed databases`,
          );
        }
        managedDatabaseProvider = provider;
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
        userInfo: coreServices.userInfo,
        auditor: coreServices.auditor,
        lifecycle: coreServices.lifecycle,
        scheduler: coreServices.scheduler,
        events: eventsServiceRef,
        notifications: notificationService,
        catalog: catalogServiceRef,
      },
      async init(deps) {
        const { logger, httpRouter, permissionsRegistry, lifecycle } = deps;
        const config = readEnvironmentsConfig(deps.config);
        // A bad id fails start-up even without the modules that label
        // resources with it, and operators see the default.
        logger.info('Greenroom installation', {
          installationId: config.installationId,
        });

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

        const secretBox = new SecretBox(config.secretsKeys);
        const store = withChangeEvents(
          await DatabaseEnvironmentsStore.create({
            database: deps.database,
            secrets: secretBox,
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

        // The tables of the other stores come with the store's migrations.
        const db = await deps.database.getClient();
        const credentials = new DatabaseCredentialStore(db, secretBox);
        // Moves stored secrets to the newest key, so an old one can be removed.
        const secretRotation = new SecretRotation({
          db,
          secrets: secretBox,
          logger: logger.child({ component: 'secrets-reencrypt' }),
        });
        await deps.scheduler.scheduleTask({
          id: 'environments-secrets-reencrypt',
          frequency: { milliseconds: config.secretsReencryptFrequencyMs },
          timeout: { minutes: 30 },
          initialDelay: { seconds: 20 },
          scope: 'global',
          fn: async signal => {
            await secretRotation.run(signal);
          },
        });
        const engine = new OperationEngine({
          store,
          runtimes,
          logger: logger.child({ component: 'engine' }),
          credentials,
          databases: new ManagedDatabases({
            provider: managedDatabaseProvider,
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

        const policyStore = new PolicyStore(db);
        const policySweep = new PolicySweep({
          store,
          policyStore,
          service,
          notifications: deps.notifications,
          logger: logger.child({ component: 'policy-sweep' }),
          defaults: config.policyDefaults,
          idleWarningLeadMs: config.policySweep.idleWarningLeadMs,
          expiryWarningMs: config.policySweep.expiryWarningMs,
        });
        await deps.scheduler.scheduleTask({
          id: 'environments-policy-sweep',
          frequency: { milliseconds: config.policySweep.frequencyMs },
          timeout: { minutes: 5 },
          initialDelay: { seconds: 45 },
          scope: 'global',
          fn: async signal => {
            await policySweep.sweep(signal);
          },
        });
        if (activitySources.length > 0) {
          const activityPoller = new ActivityPoller({
            store,
            policyStore,
            sources: activitySources,
            logger: logger.child({ component: 'activity-poll' }),
            initialLookbackMs: config.policySweep.activityPollMs,
          });
          await deps.scheduler.scheduleTask({
            id: 'environments-activity-poll',
            frequency: { milliseconds: config.policySweep.activityPollMs },
            timeout: { minutes: 5 },
            initialDelay: { seconds: 30 },
            scope: 'global',
            fn: async signal => {
              await activityPoller.poll(signal);
            },
          });
        }

        const orphans = new OrphanCollector({
          sources: orphanSourcesOf(runtimes.all(), managedDatabaseProvider),
          store,
          sightings: new OrphanSightings(db),
          auditor: deps.auditor,
          logger: logger.child({ component: 'orphan-collection' }),
          action: config.orphans.action,
          graceMs: config.orphans.graceMs,
        });
        await deps.scheduler.scheduleTask({
          id: 'environments-orphan-collection',
          frequency: { milliseconds: config.orphans.frequencyMs },
          timeout: { minutes: 30 },
          initialDelay: { minutes: 2 },
          scope: 'global',
          fn: async signal => {
            await orphans.collect(signal);
          },
        });

        const cost = new CostService({
          store,
          rates: config.prices,
          priceSource,
          rollup: new CostRollup(db, store),
        });
        // Complete days are rolled up once, so reports read them from there.
        await deps.scheduler.scheduleTask({
          id: 'environments-cost-rollup',
          frequency: { hours: 1 },
          timeout: { minutes: 15 },
          initialDelay: { minutes: 1 },
          scope: 'global',
          fn: async () => {
            const days = await cost.rollUp();
            if (days.length > 0) {
              logger.info('Rolled up environment cost', {
                days: days.join(','),
              });
            }
          },
        });

        httpRouter.use(
          await createRouter({
            service,
            store,
            cost,
            runtimes,
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
            permissionsRegistry,
            userInfo: deps.userInfo,
            auditor: deps.auditor,
            logger,
            templates: new TemplateService({
              catalog: deps.catalog,
              store: new TemplateStore(db),
              environments: service,
            }),
            plan: async name => {
              const environment = await service.get(name);
              const runtime = runtimes.get(environment.runtime.type);
              const resolved = await resolveEnvironment(
                store,
                environment,
                credentials,
              );
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
              costHistoryDays: config.seedCostHistoryDays,
            });
          }
          engine.start();
        });
        lifecycle.addShutdownHook(() => engine.stop());
      },
    });
  },
});
