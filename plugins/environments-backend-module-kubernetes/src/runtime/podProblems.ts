import type { Workload } from './scope';

/** Pods are read like the workloads that own them: spec and status as the API returns them. */
type Pod = Workload;

/**
 * Why the pods of a service do not run, in words a developer acts on, from
 * the reasons Kubernetes gives; undefined when nothing is known to be wrong
 * (pods may simply still be starting).
 */
export function podProblem(service: string, pods: Pod[]): string | undefined {
  for (const pod of pods) {
    const scheduled = (pod.status?.conditions ?? []).find(
      (c: any) => c.type === 'PodScheduled',
    );
    if (scheduled?.status === 'False' && scheduled.reason === 'Unschedulable') {
      return `${service}: no node can run it (Unschedulable)${
        scheduled.message ? `: ${scheduled.message}` : ''
      }; lower its cpu or memory, or add capacity to the cluster`;
    }
    const statuses = [
      ...(pod.status?.initContainerStatuses ?? []),
      ...(pod.status?.containerStatuses ?? []),
    ];
    for (const container of statuses) {
      const reason: string | undefined = container.state?.waiting?.reason;
      if (!reason) continue;
      if (reason === 'CrashLoopBackOff') {
        const last = container.lastState?.terminated;
        if (last?.reason === 'OOMKilled') {
          return `${service}: container keeps running out of memory (OOMKilled, CrashLoopBackOff); raise its memory`;
        }
        return `${service}: container keeps crashing (CrashLoopBackOff)${
          last?.exitCode !== undefined
            ? `, last exit code ${last.exitCode}`
            : ''
        }; check its logs`;
      }
      if (
        reason === 'ImagePullBackOff' ||
        reason === 'ErrImagePull' ||
        reason === 'InvalidImageName'
      ) {
        const image =
          container.image ??
          pod.spec?.containers?.find((c: any) => c.name === container.name)
            ?.image;
        return `${service}: image ${
          image ? `${image} ` : ''
        }cannot be pulled (${reason}); check the repository, the tag and the pull credentials`;
      }
      if (reason === 'CreateContainerConfigError') {
        return `${service}: container configuration is invalid (CreateContainerConfigError)${
          container.state.waiting.message
            ? `: ${container.state.waiting.message}`
            : ''
        }`;
      }
    }
  }
  return undefined;
}

/** True when a Deployment or StatefulSet runs every replica of its current spec. */
export function isRolledOut(workload: Workload) {
  const desired: number = workload.spec?.replicas ?? 1;
  const status = workload.status ?? {};
  const generation = workload.metadata.generation as number | undefined;
  const observed =
    generation === undefined || (status.observedGeneration ?? 0) >= generation;
  return (
    observed &&
    (status.readyReplicas ?? 0) >= desired &&
    (status.updatedReplicas ?? 0) >= desired
  );
}

/** A Deployment whose controller gave up (progressDeadlineSeconds passed). */
export function progressDeadlineExceeded(workload: Workload): boolean {
  return (workload.status?.conditions ?? []).some(
    (c: any) =>
      c.type === 'Progressing' &&
      c.status === 'False' &&
      c.reason === 'ProgressDeadlineExceeded',
  );
}
