import { REPLICAS_ANNOTATION, type KubeObject } from '../render';

type Workload = KubeObject & { spec?: { replicas?: number } };

/**
 * The merge patch that scales a workload to zero and remembers its count in
 * an annotation, or undefined when nothing is left to do. A workload that
 * already has the annotation keeps it: a second stop must not overwrite the
 * count with 0.
 */
export function scaleDownPatch(current: Workload) {
  const replicas = current.spec?.replicas ?? 1;
  if (current.metadata.annotations?.[REPLICAS_ANNOTATION] !== undefined) {
    return replicas === 0 ? undefined : { spec: { replicas: 0 } };
  }
  return {
    metadata: { annotations: { [REPLICAS_ANNOTATION]: String(replicas) } },
    spec: { replicas: 0 },
  };
}

/**
 * The merge patch that restores the remembered count (else `fallback`, the
 * service's replicas) and removes the annotation, or undefined when the
 * workload was not stopped by us and runs.
 */
export function scaleUpPatch(current: Workload, fallback: number | undefined) {
  const saved = current.metadata.annotations?.[REPLICAS_ANNOTATION];
  if (saved === undefined) {
    const replicas = current.spec?.replicas ?? 1;
    return replicas === 0 && fallback !== undefined && fallback > 0
      ? { spec: { replicas: fallback } }
      : undefined;
  }
  const restored = Number.parseInt(saved, 10);
  return {
    metadata: { annotations: { [REPLICAS_ANNOTATION]: null } },
    spec: {
      replicas:
        Number.isFinite(restored) && restored >= 0 ? restored : fallback ?? 1,
    },
  };
}
