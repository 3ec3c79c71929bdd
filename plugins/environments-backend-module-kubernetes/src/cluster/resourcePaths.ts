import type { ObjectRef } from './ClusterApi';

/**
 * The REST resource of each kind the runtime reads or writes: built-in
 * kinds whose names never change, so no discovery request is needed.
 */
const RESOURCES: Record<string, { plural: string; namespaced: boolean }> = {
  Namespace: { plural: 'namespaces', namespaced: false },
  ConfigMap: { plural: 'configmaps', namespaced: true },
  Secret: { plural: 'secrets', namespaced: true },
  Service: { plural: 'services', namespaced: true },
  Pod: { plural: 'pods', namespaced: true },
  PersistentVolumeClaim: { plural: 'persistentvolumeclaims', namespaced: true },
  Deployment: { plural: 'deployments', namespaced: true },
  StatefulSet: { plural: 'statefulsets', namespaced: true },
  Job: { plural: 'jobs', namespaced: true },
  Ingress: { plural: 'ingresses', namespaced: true },
};

/** `/api/v1/namespaces/ns/secrets` (a collection) or `…/secrets/name` (an object). */
export function resourcePath(
  ref: Omit<ObjectRef, 'name'> & { name?: string },
): string {
  const resource = RESOURCES[ref.kind];
  if (!resource) throw new Error(`unknown kind ${ref.kind}`);
  const group = ref.apiVersion.includes('/')
    ? `/apis/${ref.apiVersion}`
    : `/api/${ref.apiVersion}`;
  const namespace =
    resource.namespaced && ref.namespace
      ? `/namespaces/${encodeURIComponent(ref.namespace)}`
      : '';
  const name = ref.name ? `/${encodeURIComponent(ref.name)}` : '';
  return `${group}${namespace}/${resource.plural}${name}`;
}
