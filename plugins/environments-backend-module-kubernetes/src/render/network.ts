import type { Service } from '@greenroom/plugin-environments-common';
import type { KubeObject, RenderOptions } from './types';

/**
 * A ClusterIP Service named `<service>-<environment>`, the host the built-in
 * `GR_<SERVICE>_HOST` variables point at, so they resolve in the namespace.
 */
export function clusterService(
  name: string,
  namespace: string,
  labels: Record<string, string>,
  selector: Record<string, string>,
  ports: number[],
): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace, labels },
    spec: {
      type: 'ClusterIP',
      selector,
      ports: ports.map(port => ({
        name: `tcp-${port}`,
        port,
        targetPort: port,
        protocol: 'TCP',
      })),
    },
  };
}

/**
 * Hosts a service is published on: its custom domains, else one host under
 * the configured base domain; none when neither exists.
 */
export function publicHosts(
  service: Service,
  host: string,
  options: RenderOptions,
): string[] {
  if (!service.ports.some(p => p.public)) return [];
  if (service.customDomains.length > 0) return [...service.customDomains];
  const baseDomain = options.ingress?.baseDomain;
  return baseDomain ? [`${host}.${baseDomain}`] : [];
}

/** One Ingress per service, routing every public host to its first public port. */
export function ingress(
  name: string,
  namespace: string,
  labels: Record<string, string>,
  hosts: string[],
  backendService: string,
  port: number,
  options: RenderOptions,
): KubeObject {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name, namespace, labels },
    spec: {
      ...(options.ingress?.className
        ? { ingressClassName: options.ingress.className }
        : {}),
      rules: hosts.map(host => ({
        host,
        http: {
          paths: [
            {
              path: '/',
              pathType: 'Prefix',
              backend: {
                service: { name: backendService, port: { number: port } },
              },
            },
          ],
        },
      })),
    },
  };
}

/**
 * A Service named as a base environment's service (`<service>-<base>`) that
 * points at it in the base's namespace: how an environment that shares a
 * base reaches the services it does not deploy, at the hosts its variables
 * name, without running anything.
 */
export function sharedServiceAlias(
  host: string,
  namespace: string,
  labels: Record<string, string>,
  baseNamespace: string,
  clusterDomain = 'cluster.local',
): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: host, namespace, labels },
    spec: {
      type: 'ExternalName',
      externalName: `${host}.${baseNamespace}.svc.${clusterDomain}`,
    },
  };
}
