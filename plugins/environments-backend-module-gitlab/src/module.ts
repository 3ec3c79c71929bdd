import { createPreviewsModule } from '@greenroom/plugin-environments-previews-node';
import { gitlabApiFromConfig } from './gitlab/gitlabApi';
import { GitlabChangeRequestProvider } from './gitlab/GitlabChangeRequestProvider';

/**
 * Merge request previews from GitLab events for the environments plugin.
 *
 * @public
 */
export const environmentsModuleGitlab = createPreviewsModule({
  moduleId: 'gitlab',
  configKey: 'environments.gitlab',
  provider: config =>
    new GitlabChangeRequestProvider(gitlabApiFromConfig(config)),
});
