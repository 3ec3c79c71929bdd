import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  environmentsRuntimeExtensionPoint,
  readInstallationId,
} from '@greenroom/plugin-environments-node';
import { readClusterConfigs } from './cluster/config';
import { checkClusters } from './cluster/checkClusters';
import { KubernetesRuntime } from './KubernetesRuntime';
import { readRuntimeOptions } from './runtime/options';

/**
 * Adds the `kubernetes` runtime to the environments plugin, deploying to the
 * clusters of `environments.kubernetes.clusters`.
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
        runtimes: environmentsRuntimeExtensionPoint,
      },
      async init({ config, logger, runtimes }) {
        const clusters = readClusterConfigs(config);
        if (clusters.length === 0) {
          logger.info(
            'No clusters in environments.kubernetes.clusters; the kubernetes runtime is off',
          );
          return;
        }
        runtimes.addRuntime(
          new KubernetesRuntime({
            clusters,
            logger: logger.child({ runtime: 'kubernetes' }),
            installationId: readInstallationId(config),
            options: readRuntimeOptions(config),
          }),
        );
        // Reported in the log, without holding up start-up on a slow cluster.
        checkClusters(clusters, logger).catch(error =>
          logger.warn('Could not check the Kubernetes clusters', error),
        );
      },
    });
  },
});
