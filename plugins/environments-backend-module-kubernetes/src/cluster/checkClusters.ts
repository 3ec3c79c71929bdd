import type { LoggerService } from '@backstage/backend-plugin-api';
import { ClusterConfig, createKubeConfig } from './config';
import { loadKubernetesClient } from './loadClient';

/**
 * Asks every configured cluster for its version, so a wrong URL or token shows
 * up in the log at start-up rather than at the first deployment.
 */
export async function checkClusters(
  clusters: ClusterConfig[],
  logger: LoggerService,
): Promise<Record<string, string | Error>> {
  const k8s = await loadKubernetesClient();
  const results: Record<string, string | Error> = {};
  await Promise.all(
    clusters.map(async cluster => {
      try {
        const kc = await createKubeConfig(cluster);
        const version = await kc.makeApiClient(k8s.VersionApi).getCode();
        results[cluster.name] = version.gitVersion;
        logger.info('Kubernetes cluster reachable', {
          cluster: cluster.name,
          version: version.gitVersion,
        });
      } catch (error) {
        results[cluster.name] = error as Error;
        logger.warn(
          `Kubernetes cluster '${cluster.name}' is not reachable`,
          error as Error,
        );
      }
    }),
  );
  return results;
}
