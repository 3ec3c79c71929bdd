import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { environmentsServiceRef } from '@greenroom/plugin-environments-node';
import { startPreviews } from '@greenroom/plugin-environments-previews-node';
import { GithubChangeRequestProvider } from './github/GithubChangeRequestProvider';
import { octokitForRepositoryFromConfig } from './github/octokitForRepository';

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
      async init(deps) {
        await startPreviews({
          ...deps,
          configKey: 'environments.github',
          provider: new GithubChangeRequestProvider(
            octokitForRepositoryFromConfig(deps.config),
          ),
        });
      },
    });
  },
});
