import type { Service } from '@greenroom/plugin-environments-common';
import type { DatabaseContainer } from './databases';
import { plainEnv, secretEnv } from './configuration';
import type { KubeObject } from './types';

/** Requests and limits straight from the service's resources. */
function resources(service: Service) {
  const { cpu, memory } = service.resources;
  return { requests: { cpu, memory }, limits: { cpu, memory } };
}

/**
 * The container of an application, container or job service: plain values
 * inline in `env` (or from a ConfigMap by `envFrom`), each secret value by
 * `secretKeyRef` to its key in the environment's Secret (so a container gets
 * its own service's secrets, never another's).
 */
export function appContainer(
  service: Service,
  image: string,
  plain: { values: Record<string, string> } | { configMap: string },
  secretKeys: string[],
) {
  const env = [
    ...('values' in plain ? plainEnv(plain.values) : []),
    ...secretKeys.map(key => secretEnv(service.name, key)),
  ];
  return {
    name: service.name,
    image,
    ...(service.ports.length
      ? {
          ports: service.ports.map(p => ({
            containerPort: p.port,
            protocol: 'TCP',
          })),
        }
      : {}),
    resources: resources(service),
    ...(env.length ? { env } : {}),
    ...('configMap' in plain
      ? { envFrom: [{ configMapRef: { name: plain.configMap } }] }
      : {}),
  };
}

interface WorkloadInput {
  name: string;
  namespace: string;
  labels: Record<string, string>;
  selector: Record<string, string>;
  replicas: number;
  /** Pod template annotations, e.g. a configuration hash that rolls pods. */
  podAnnotations?: Record<string, string>;
}

export function deployment(
  input: WorkloadInput,
  container: Record<string, unknown>,
): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: input.name,
      namespace: input.namespace,
      labels: input.labels,
    },
    spec: {
      replicas: input.replicas,
      selector: { matchLabels: input.selector },
      template: {
        metadata: {
          labels: input.labels,
          ...(input.podAnnotations && Object.keys(input.podAnnotations).length
            ? { annotations: input.podAnnotations }
            : {}),
        },
        spec: { containers: [container] },
      },
    },
  };
}

/**
 * A container database: one StatefulSet with a volume claim per replica. The
 * claims go with the StatefulSet when it is deleted, so removing a database
 * service leaves no volume behind.
 */
export function databaseStatefulSet(
  input: WorkloadInput & { serviceName: string },
  service: Service,
  db: DatabaseContainer,
): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: {
      name: input.name,
      namespace: input.namespace,
      labels: input.labels,
    },
    spec: {
      serviceName: input.serviceName,
      replicas: input.replicas,
      selector: { matchLabels: input.selector },
      persistentVolumeClaimRetentionPolicy: {
        whenDeleted: 'Delete',
        whenScaled: 'Retain',
      },
      template: {
        metadata: {
          labels: input.labels,
          ...(input.podAnnotations && Object.keys(input.podAnnotations).length
            ? { annotations: input.podAnnotations }
            : {}),
        },
        spec: {
          containers: [
            {
              name: service.name,
              image: db.image,
              ports: [{ containerPort: db.port, protocol: 'TCP' }],
              ...(db.args ? { args: db.args } : {}),
              env: db.env,
              resources: resources(service),
              volumeMounts: [{ name: 'data', mountPath: db.dataPath }],
            },
          ],
        },
      },
      volumeClaimTemplates: [
        {
          metadata: { name: 'data', labels: input.labels },
          spec: {
            accessModes: ['ReadWriteOnce'],
            resources: { requests: { storage: db.storage } },
          },
        },
      ],
    },
  };
}

/** A job service runs once to completion; failed pods are not restarted in place. */
export function job(
  input: Omit<WorkloadInput, 'selector' | 'replicas'>,
  container: Record<string, unknown>,
): KubeObject {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name: input.name,
      namespace: input.namespace,
      labels: input.labels,
    },
    spec: {
      backoffLimit: 3,
      template: {
        metadata: { labels: input.labels },
        spec: { restartPolicy: 'Never', containers: [container] },
      },
    },
  };
}
