import type {
  AuditorService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import type { EnvironmentsConfig } from './config';
import type { CostService } from './cost/CostService';
import type { EnvironmentsExtensions } from './extensions';
import { EnvironmentObserver } from './observations/EnvironmentObserver';
import { ReconcileLoop } from './observations/ReconcileLoop';
import { OrphanCollector, orphanSourcesOf } from './orphans/OrphanCollector';
import { ActivityPoller } from './policies/ActivityPoller';
import { PolicySweep } from './policies/PolicySweep';
import type { PreviewQuota } from './previews/PreviewQuota';
import type { RuntimeRegistry } from './runtimes/RuntimeRegistry';
import type { Announce } from './events/publishingStore';
import type { ManagedDatabases } from './managedDatabases/ManagedDatabases';
import type { SecretBox } from './secrets/SecretBox';
import { SecretRotation } from './secrets/SecretRotation';
import type { EnvironmentCommands } from './service/EnvironmentCommands';
import type { EnvironmentsStores } from './storage/createStores';
import type { EnvironmentsStore } from './storage/types';

/**
 * The plugin's background jobs, each on one replica at a time (global
 * tasks), in the order they are scheduled. Each job schedules itself.
 */
export async function scheduleJobs(options: {
  scheduler: SchedulerService;
  config: EnvironmentsConfig;
  logger: LoggerService;
  auditor: AuditorService;
  notifications: NotificationService;
  secrets: SecretBox;
  stores: EnvironmentsStores;
  /** The environments store that announces changes. */
  store: EnvironmentsStore;
  runtimes: RuntimeRegistry;
  extensions: EnvironmentsExtensions;
  previewQuota: PreviewQuota;
  service: EnvironmentCommands;
  cost: CostService;
  /** Managed databases, for observing them with their environment. */
  databases: ManagedDatabases;
  /** Announces changes the store did not make, such as what was observed. */
  announce: Announce;
}): Promise<void> {
  const { scheduler, config, logger, stores, store } = options;

  // Moves stored secrets to the newest key, so an old one can be removed.
  await new SecretRotation({
    db: stores.db,
    secrets: options.secrets,
    logger: logger.child({ component: 'secrets-reencrypt' }),
  }).schedule(scheduler, config);

  await options.previewQuota.schedule(scheduler, options.service);

  await new PolicySweep({
    store,
    policyStore: stores.policies,
    service: options.service,
    notifications: options.notifications,
    logger: logger.child({ component: 'policy-sweep' }),
    defaults: config.policyDefaults,
    idleWarningLeadMs: config.policySweep.idleWarningLeadMs,
    expiryWarningMs: config.policySweep.expiryWarningMs,
  }).schedule(scheduler, config);

  await new ActivityPoller({
    store,
    policyStore: stores.policies,
    sources: options.extensions.activitySources,
    logger: logger.child({ component: 'activity-poll' }),
    initialLookbackMs: config.policySweep.activityPollMs,
  }).schedule(scheduler, config);

  await new OrphanCollector({
    sources: orphanSourcesOf(
      options.runtimes.all(),
      options.extensions.managedDatabaseProvider,
    ),
    store,
    sightings: stores.orphanSightings,
    auditor: options.auditor,
    logger: logger.child({ component: 'orphan-collection' }),
    action: config.orphans.action,
    graceMs: config.orphans.graceMs,
  }).schedule(scheduler, config);

  // Notices crash loops and drift of running environments without anyone acting.
  await new ReconcileLoop({
    store,
    observations: stores.observations,
    observer: new EnvironmentObserver({
      store,
      runtimes: options.runtimes,
      databases: options.databases,
      credentials: stores.credentials,
    }),
    logger: logger.child({ component: 'reconcile' }),
    settings: config.reconcile,
    announce: name => options.announce(name, 'upserted'),
  }).schedule(scheduler);

  await options.cost.schedule(scheduler, logger);
}
