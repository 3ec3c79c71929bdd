import {
  coreServices,
  createBackendModule,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { PREVIEW_BOT_CONFIG_KEY } from '@greenroom/plugin-environments-common';
import {
  ActAsCredentials,
  ENVIRONMENT_CHANGES_TOPIC,
  EnvironmentChangeEvent,
  environmentsServiceRef,
} from '@greenroom/plugin-environments-node';
import { octokitForRepositoryFromConfig } from './github/octokitForRepository';
import { PreviewCommentRefresh } from './previews/PreviewCommentRefresh';
import { PreviewService } from './previews/PreviewService';
import { reconcilePreviews } from './previews/reconcile';
import { readPreviewSettings } from './previews/settings';

/** The topics `@backstage/plugin-events-backend-module-github` republishes webhooks on. */
export const TOPIC_PULL_REQUEST = 'github.pull_request';
export const TOPIC_ISSUE_COMMENT = 'github.issue_comment';

/**
 * Pull request previews from GitHub events for the environments plugin.
 *
 * @public
 */
export const environmentsModuleGithub = createBackendModule({
  pluginId: 'environments',
  moduleId: 'github',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        auth: coreServices.auth,
        discovery: coreServices.discovery,
        scheduler: coreServices.scheduler,
        catalog: catalogServiceRef,
        events: eventsServiceRef,
        environments: environmentsServiceRef,
      },
      async init({
        config,
        logger,
        auth,
        discovery,
        scheduler,
        catalog,
        events,
        environments,
      }) {
        if (!config.has('environments.github')) {
          logger.info(
            'environments.github is not configured; pull request previews are off',
          );
          return;
        }
        const settings = readPreviewSettings(config);
        const github = octokitForRepositoryFromConfig(config);
        // Every call is authorized as the actAs user, never as this plugin.
        const credentials = new ActAsCredentials({
          auth,
          discovery,
          actAs: settings.actAs,
          configKey: PREVIEW_BOT_CONFIG_KEY,
        });
        const previews = new PreviewService({
          environments,
          catalog,
          credentials,
          github,
          logger: logger.child({ task: 'github-previews' }),
          settings,
        });
        await events.subscribe({
          id: 'environments-github-previews',
          topics: [TOPIC_PULL_REQUEST, TOPIC_ISSUE_COMMENT],
          onEvent: async params => {
            try {
              await (params.topic === TOPIC_ISSUE_COMMENT
                ? previews.handleIssueComment(params)
                : previews.handlePullRequest(params));
            } catch (error) {
              logger.error(
                `Could not handle the GitHub event on ${params.topic}`,
                error as Error,
              );
            }
          },
        });
        const refresh = new PreviewCommentRefresh({
          environments,
          credentials,
          github,
          logger: logger.child({ task: 'github-preview-comments' }),
        });
        await events.subscribe({
          id: 'environments-github-preview-comments',
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
          task: 'github-preview-reconcile',
        });
        await scheduler.scheduleTask({
          id: 'environments-github-preview-reconcile',
          ...(config.has('environments.github.reconcile.schedule')
            ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
                config.getConfig('environments.github.reconcile.schedule'),
              )
            : { frequency: { cron: '0 3 * * *' }, timeout: { minutes: 30 } }),
          scope: 'global',
          fn: async signal => {
            await reconcilePreviews({
              environments,
              credentials,
              github,
              logger: reconcileLogger,
              signal,
            });
          },
        });
        logger.info('Pull request previews are on', {
          topics: [
            TOPIC_PULL_REQUEST,
            TOPIC_ISSUE_COMMENT,
            ENVIRONMENT_CHANGES_TOPIC,
          ].join(', '),
          actAs: settings.actAs,
        });
      },
    });
  },
});
