import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { readClusterConfigs } from './cluster/config';
import { checkClusters } from './cluster/checkClusters';

/**
 * Adds Kubernetes clusters from `environments.kubernetes.clusters` to the
 * environments plugin.
 *
 * @public
 */
export const environmentsModuleKubernetes = createBackendModule({
  pluginId: 'environments',
  moduleId: 'kubernetes',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
      },
      async init({ config, logger }) {
        const clusters = readClusterConfigs(config);
        if (clusters.length === 0) {
          logger.info(
            'No clusters in environments.kubernetes.clusters; the kubernetes runtime is off',
          );
          return;
        }
        // The runtime itself (rendering, apply, observe, stop/start, destroy)
        // is registered on the runtime extension point by the runtime issue.
        await checkClusters(clusters, logger);
      },
    });
  },
});
