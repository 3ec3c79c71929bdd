import { createBackendModule } from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { environmentsServiceRef } from '@greenroom/plugin-environments-node';
import { createEnvironmentAddServiceAction } from './actions/addService';
import { createEnvironmentCloneAction } from './actions/cloneEnvironment';
import { createEnvironmentCreateAction } from './actions/createEnvironment';
import { createEnvironmentLifecycleAction } from './actions/lifecycle';
import { createEnvironmentPreviewAction } from './actions/previewEnvironment';

/**
 * Scaffolder actions for Greenroom environments: `environment:create`,
 * `environment:clone`, `environment:preview`, `environment:stop`, `environment:start`,
 * `environment:destroy`, `environment:add-service`.
 *
 * @public
 */
export const scaffolderModule = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'environments',
  register({ registerInit }) {
    registerInit({
      deps: {
        scaffolderActions: scaffolderActionsExtensionPoint,
        environments: environmentsServiceRef,
      },
      async init({ scaffolderActions, environments }) {
        scaffolderActions.addActions(
          createEnvironmentCreateAction({ environments }),
          createEnvironmentCloneAction({ environments }),
          createEnvironmentPreviewAction({ environments }),
          createEnvironmentLifecycleAction('stop', { environments }),
          createEnvironmentLifecycleAction('start', { environments }),
          createEnvironmentLifecycleAction('destroy', { environments }),
          createEnvironmentAddServiceAction({ environments }),
        );
      },
    });
  },
});
