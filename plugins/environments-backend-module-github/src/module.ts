import { createPreviewsModule } from '@greenroom/plugin-environments-previews-node';
import { GithubChangeRequestProvider } from './github/GithubChangeRequestProvider';
import { octokitForRepositoryFromConfig } from './github/octokitForRepository';

/**
 * Pull request previews from GitHub events for the environments plugin.
 *
 * @public
 */
export const environmentsModuleGithub = createPreviewsModule({
  moduleId: 'github',
  configKey: 'environments.github',
  provider: config =>
    new GithubChangeRequestProvider(octokitForRepositoryFromConfig(config)),
});
