// @kubernetes/client-node 1.x is ESM-only while the backend builds to
// CommonJS: load it with a dynamic import (kept as `import()` by the build),
// as upstream kubernetes-backend does.
export type KubernetesClientModule = typeof import('@kubernetes/client-node');

let loaded: Promise<KubernetesClientModule> | undefined;

export function loadKubernetesClient(): Promise<KubernetesClientModule> {
  loaded ??= import('@kubernetes/client-node');
  return loaded;
}
