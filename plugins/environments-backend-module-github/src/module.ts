import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';

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
      },
      async init({ config, logger }) {
        if (!config.has('environments.github')) {
          logger.info(
            'environments.github is not configured; pull request previews are off',
          );
          return;
        }
        // Event subscriptions (pull_request, issue_comment) are added by the
        // previews issue; the command and naming rules are in src/previews.
        logger.info('Pull request previews configured');
      },
    });
  },
});
