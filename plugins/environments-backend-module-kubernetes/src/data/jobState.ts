import type { Workload } from '../runtime/scope';

/** Where a Job is, from its status as the Job controller writes it. */
export type JobState =
  | { phase: 'running' }
  | { phase: 'complete' }
  | { phase: 'failed'; reason?: string; message?: string };

const condition = (job: Workload, type: string) =>
  (job.status?.conditions ?? []).find(
    (c: any) => c.type === type && c.status === 'True',
  );

export function jobState(job: Workload): JobState {
  if (condition(job, 'Complete') || (job.status?.succeeded ?? 0) > 0) {
    return { phase: 'complete' };
  }
  const failed = condition(job, 'Failed');
  if (failed) {
    return { phase: 'failed', reason: failed.reason, message: failed.message };
  }
  return { phase: 'running' };
}

/** Containers of a pod that ended with a non-zero exit code, init containers first. */
export function failedContainers(
  pod: Workload | undefined,
): Array<{ name: string; exitCode: number; reason?: string }> {
  const statuses = [
    ...(pod?.status?.initContainerStatuses ?? []),
    ...(pod?.status?.containerStatuses ?? []),
  ];
  return statuses.flatMap((c: any) => {
    const terminated = c.state?.terminated ?? c.lastState?.terminated;
    return terminated && terminated.exitCode !== 0
      ? [
          {
            name: c.name,
            exitCode: terminated.exitCode,
            reason: terminated.reason,
          },
        ]
      : [];
  });
}

/** True once a container of the pod has started, so its log can be read. */
export function hasStarted(pod: Workload | undefined, container: string) {
  const status = (pod?.status?.containerStatuses ?? []).find(
    (c: any) => c.name === container,
  );
  return Boolean(status?.state?.running || status?.state?.terminated);
}
