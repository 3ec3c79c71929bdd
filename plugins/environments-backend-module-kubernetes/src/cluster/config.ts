import type { Config } from '@backstage/config';
import type { KubeConfig } from '@kubernetes/client-node';
import { loadKubernetesClient } from './loadClient';

/** One configured cluster, as read from `environments.kubernetes.clusters`. */
export interface ClusterConfig {
  name: string;
  namespacePrefix: string;
  connection:
    | {
        type: 'url';
        url: string;
        token?: string;
        caData?: string;
        skipTLSVerify: boolean;
      }
    | { type: 'kubeconfig'; path?: string; context?: string }
    | { type: 'inCluster' };
}

export function readClusterConfigs(config: Config): ClusterConfig[] {
  const clusters =
    config.getOptionalConfigArray('environments.kubernetes.clusters') ?? [];
  const seen = new Set<string>();
  return clusters.map((c, index) => {
    const name = c.getString('name');
    if (seen.has(name)) {
      throw new Error(
        `environments.kubernetes.clusters[${index}].name: duplicate cluster name '${name}'`,
      );
    }
    seen.add(name);
    const namespacePrefix = c.getOptionalString('namespacePrefix') ?? 'gr-';
    const url = c.getOptionalString('url');
    const kubeconfig = c.getOptionalString('kubeconfig');
    const inCluster = c.getOptionalBoolean('inCluster') ?? false;
    const ways = [url, kubeconfig, inCluster || undefined].filter(Boolean);
    if (ways.length !== 1) {
      throw new Error(
        `environments.kubernetes.clusters[${index}] ('${name}'): set exactly one of url, kubeconfig or inCluster`,
      );
    }
    if (url) {
      return {
        name,
        namespacePrefix,
        connection: {
          type: 'url' as const,
          url,
          token: c.getOptionalString('token'),
          caData: c.getOptionalString('caData'),
          skipTLSVerify: c.getOptionalBoolean('skipTLSVerify') ?? false,
        },
      };
    }
    if (kubeconfig) {
      return {
        name,
        namespacePrefix,
        connection: {
          type: 'kubeconfig' as const,
          path: kubeconfig === 'default' ? undefined : kubeconfig,
          context: c.getOptionalString('context'),
        },
      };
    }
    return {
      name,
      namespacePrefix,
      connection: { type: 'inCluster' as const },
    };
  });
}

/** Builds the client's KubeConfig for a cluster. */
export async function createKubeConfig(
  cluster: ClusterConfig,
): Promise<KubeConfig> {
  const k8s = await loadKubernetesClient();
  const kc = new k8s.KubeConfig();
  const { connection } = cluster;
  switch (connection.type) {
    case 'url':
      kc.loadFromOptions({
        clusters: [
          {
            name: cluster.name,
            server: connection.url,
            caData: connection.caData,
            skipTLSVerify: connection.skipTLSVerify,
          },
        ],
        users: [{ name: 'greenroom', token: connection.token }],
        contexts: [
          { name: cluster.name, cluster: cluster.name, user: 'greenroom' },
        ],
        currentContext: cluster.name,
      });
      break;
    case 'kubeconfig':
      if (connection.path) {
        kc.loadFromFile(connection.path);
      } else {
        kc.loadFromDefault();
      }
      if (connection.context) {
        kc.setCurrentContext(connection.context);
      }
      break;
    case 'inCluster':
      kc.loadFromCluster();
      break;
    default:
      throw new Error('unreachable');
  }
  return kc;
}
