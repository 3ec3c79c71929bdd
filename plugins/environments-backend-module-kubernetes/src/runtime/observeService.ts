import type { ObservedService } from '@greenroom/plugin-environments-node';
import type { RenderedService } from '../render';
import { isRolledOut, podProblem } from './podProblems';
import type { Workload } from './scope';

/**
 * The image the service's pods run: a running container's, else what the
 * workload asks for (during a rollout the two differ; the pods tell).
 */
function runningImage(
  workload: Workload | undefined,
  pods: Workload[],
): string | undefined {
  for (const pod of pods) {
    const statuses: Array<{ image?: string; ready?: boolean }> =
      pod.status?.containerStatuses ?? [];
    const ready = statuses.find(c => c.ready && c.image);
    if (ready?.image) return ready.image;
  }
  const template =
    workload?.kind === 'Job' || workload?.spec?.template
      ? workload?.spec?.template?.spec?.containers?.[0]?.image
      : undefined;
  return typeof template === 'string' ? template : undefined;
}

/** One service's phase, replicas, image and URLs from its workload and pods. */
export function observeService(
  service: RenderedService,
  workload: Workload | undefined,
  pods: Workload[],
): ObservedService {
  const image = runningImage(workload, pods);
  const base = {
    name: service.name,
    urls: service.urls,
    internalUrls: service.internalUrls,
    ...(image && { image }),
  };
  if (!workload) {
    return {
      ...base,
      phase: 'pending',
      message: `${service.name}: not deployed yet`,
    };
  }
  if (workload.kind === 'Job') {
    const status = workload.status ?? {};
    if (status.succeeded) {
      return {
        ...base,
        phase: 'stopped',
        message: `${service.name}: job completed`,
      };
    }
    const failed = (status.conditions ?? []).find(
      (c: any) => c.type === 'Failed' && c.status === 'True',
    );
    if (failed) {
      return {
        ...base,
        phase: 'failed',
        message: `${service.name}: job failed${
          failed.reason ? ` (${failed.reason})` : ''
        }`,
      };
    }
    const problem = podProblem(service.name, pods);
    return problem
      ? { ...base, phase: 'failed', message: problem }
      : { ...base, phase: 'running' };
  }
  const desired: number = workload.spec?.replicas ?? 1;
  const ready: number = workload.status?.readyReplicas ?? 0;
  const replicas = { desired, ready };
  if (desired === 0) {
    return { ...base, phase: 'stopped', replicas };
  }
  if (isRolledOut(workload)) {
    return { ...base, phase: 'running', replicas };
  }
  const problem = podProblem(service.name, pods);
  if (problem) {
    return { ...base, phase: 'failed', message: problem, replicas };
  }
  return {
    ...base,
    phase: 'pending',
    message: `${service.name}: ${ready}/${desired} replicas ready`,
    replicas,
  };
}
