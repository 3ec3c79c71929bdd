import type { KubeObject } from './types';

/** Plain values of a service, injected with `envFrom`. */
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
 * Secret values of a service. The only kind of object a secret value may
 * appear in; `stringData` lets the API server do the base64 encoding.
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
