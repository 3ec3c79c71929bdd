import type { KubeObject } from './types';

/** A ConfigMap: a job service's plain values, or the files of a data load's Job. */
export function configMap(
  name: string,
  namespace: string,
  labels: Record<string, string>,
  data: Record<string, string>,
): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, namespace, labels },
    data,
  };
}

/**
 * Plain values of a service, inline in its container's `env` (no ConfigMap
 * to write, and a changed value changes the pod template, which rolls the
 * pods). Kubernetes expands `$(NAME)` in `env` values and reads `$$` as `$`,
 * so every `$` is doubled: the container sees the value as it was set.
 */
export function plainEnv(
  values: Record<string, string>,
): Array<{ name: string; value: string }> {
  return Object.entries(values).map(([name, value]) => ({
    name,
    value: value.includes('$') ? value.replace(/\$/g, () => '$$') : value,
  }));
}

/**
 * The one Secret of an environment. A dot cannot be in a service's name, so
 * it never is a Secret of one service (as earlier releases wrote them, which
 * prune then removes).
 */
export const ENVIRONMENT_SECRET_NAME = 'greenroom.secrets';

/**
 * The key of a service's secret value in the environment's Secret: the
 * service's name first (it has no dot), so keys of services never collide.
 */
export function secretKeyOf(service: string, key: string): string {
  return `${service}.${key}`;
}

/** The container's variable `name`, read from the environment's Secret. */
export function secretEnv(service: string, name: string, key = name) {
  return {
    name,
    valueFrom: {
      secretKeyRef: {
        name: ENVIRONMENT_SECRET_NAME,
        key: secretKeyOf(service, key),
      },
    },
  };
}

/**
 * Secret values of an environment. The only kind of object a secret value
 * may appear in; `stringData` lets the API server do the base64 encoding.
 */
export function secret(
  name: string,
  namespace: string,
  labels: Record<string, string>,
  stringData: Record<string, string>,
): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name, namespace, labels },
    type: 'Opaque',
    stringData,
  };
}
