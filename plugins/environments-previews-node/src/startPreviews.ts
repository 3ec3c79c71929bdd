import {
  AuthService,
  DiscoveryService,
  LoggerService,
  RootConfigService,
  SchedulerService,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { EventsService } from '@backstage/plugin-events-node';
import {
  ActAsCredentials,
  ENVIRONMENT_CHANGES_TOPIC,
  EnvironmentChangeEvent,
  EnvironmentsService,
} from '@greenroom/plugin-environments-node';
import type { ChangeRequestProvider } from './ChangeRequestProvider';
import { PreviewCommentRefresh } from './PreviewCommentRefresh';
import { PreviewService } from './PreviewService';
import { reconcilePreviews } from './reconcile';
import { readPreviewSettings } from './settings';

/**
 * Turns previews from a provider on when its config block (`configKey`,
 * e.g. `environments.github`) exists: handles its webhook events, keeps the
 * preview comments in step with their environments, and schedules the
 * nightly reconcile (`<configKey>.reconcile.schedule`). Every call is
 * authorized as `<configKey>.actAs`, never as the plugin. A module calls
 * this from its init with its provider.
 *
 * @public
 */
export async function startPreviews(options: {
  provider: ChangeRequestProvider;
  configKey: string;
  config: RootConfigService;
  logger: LoggerService;
  auth: AuthService;
  discovery: DiscoveryService;
  scheduler: SchedulerService;
  catalog: CatalogService;
  events: EventsService;
  environments: EnvironmentsService;
}): Promise<void> {
  const { provider, configKey, config, logger, events, environments } = options;
  const { terms } = provider;
  if (!config.has(configKey)) {
    logger.info(
      `${configKey} is not configured; ${terms.changeRequest} previews are off`,
    );
    return;
  }
  const settings = readPreviewSettings(config, configKey);
  // Every call is authorized as the actAs user, never as this plugin.
  const credentials = new ActAsCredentials({
    auth: options.auth,
    discovery: options.discovery,
    actAs: settings.actAs,
    configKey: `${configKey}.actAs`,
  });
  const previews = new PreviewService({
    provider,
    environments,
    catalog: options.catalog,
    credentials,
    logger: logger.child({ task: `${provider.id}-previews` }),
    settings,
  });
  await events.subscribe({
    id: `environments-${provider.id}-previews`,
    topics: provider.topics,
    onEvent: async params => {
      try {
        await previews.handleEvent(params);
      } catch (error) {
        logger.error(
          `Could not handle the ${terms.provider} event on ${params.topic}`,
          error as Error,
        );
      }
    },
  });
  const refresh = new PreviewCommentRefresh({
    provider,
    environments,
    credentials,
    logger: logger.child({ task: `${provider.id}-preview-comments` }),
  });
  await events.subscribe({
    id: `environments-${provider.id}-preview-comments`,
    topics: [ENVIRONMENT_CHANGES_TOPIC],
    onEvent: async params => {
      const change = params.eventPayload as EnvironmentChangeEvent;
      try {
        await refresh.handleEnvironmentChange(change);
      } catch (error) {
        logger.error(
          `Could not update the preview comment of environment ${change.name}`,
          error as Error,
        );
      }
    },
  });
  const reconcileLogger = logger.child({
    task: `${provider.id}-preview-reconcile`,
  });
  const schedule = `${configKey}.reconcile.schedule`;
  await options.scheduler.scheduleTask({
    id: `environments-${provider.id}-preview-reconcile`,
    ...(config.has(schedule)
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
          config.getConfig(schedule),
        )
      : { frequency: { cron: '0 3 * * *' }, timeout: { minutes: 30 } }),
    scope: 'global',
    fn: async signal => {
      await reconcilePreviews({
        provider,
        environments,
        credentials,
        logger: reconcileLogger,
        signal,
      });
    },
  });
  logger.info(`${terms.provider} ${terms.changeRequest} previews are on`, {
    topics: [...provider.topics, ENVIRONMENT_CHANGES_TOPIC].join(', '),
    actAs: settings.actAs,
  });
}
