/** The API version of each kind the runtime reads or writes. */
export const KINDS = {
  Namespace: 'v1',
  ConfigMap: 'v1',
  Secret: 'v1',
  Service: 'v1',
  Pod: 'v1',
  PersistentVolumeClaim: 'v1',
  Deployment: 'apps/v1',
  StatefulSet: 'apps/v1',
  Job: 'batch/v1',
  Ingress: 'networking.k8s.io/v1',
} as const;
export type Kind = keyof typeof KINDS;

/** Kinds we render, and so may delete when no longer rendered. */
export const OWNED_KINDS: Kind[] = [
  'ConfigMap',
  'Secret',
  'Service',
  'Deployment',
  'StatefulSet',
  'Job',
  'Ingress',
  'PersistentVolumeClaim',
];

/** Kinds stop scales to zero and start scales back. */
export const SCALABLE_KINDS: Kind[] = ['Deployment', 'StatefulSet'];

/** Apply order: configuration and Services, databases, then the rest. */
export const TIERS = ['config', 'databases', 'workloads'] as const;
