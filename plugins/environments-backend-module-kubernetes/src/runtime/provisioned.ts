import {
  parseCpuCores,
  parseMemoryGb,
} from '@greenroom/plugin-environments-common';
import type { ProvisionedResources } from '@greenroom/plugin-environments-node';
import type { Workload } from './scope';

/**
 * A pod reserves its requests on its node from the time it is scheduled
 * until it finishes, ready or not (a crash-looping pod still holds them).
 * One being deleted is on its way out: counting it would bill a rollout's
 * old pods for a minute and open an interval more per update.
 */
function reserves(pod: Workload): boolean {
  if (pod.metadata.deletionTimestamp) return false;
  const phase = pod.status?.phase;
  if (phase === 'Running') return true;
  if (phase !== 'Pending') return false;
  return (pod.status?.conditions ?? []).some(
    (c: { type?: string; status?: string }) =>
      c.type === 'PodScheduled' && c.status === 'True',
  );
}

/** A container's request, or its limit (Kubernetes requests the limit when no request is set). */
function requested(container: any, resource: 'cpu' | 'memory') {
  const quantity =
    container?.resources?.requests?.[resource] ??
    container?.resources?.limits?.[resource];
  return quantity === undefined ? undefined : String(quantity);
}

/**
 * What one service holds in the cluster, from its pods and volume claims:
 * CPU and memory requested by the pods that reserve them, and the size of
 * every claim that exists (a StatefulSet has one per replica, kept while it
 * is scaled to zero). Undefined when a quantity cannot be read, so the
 * ledger bills the spec rather than a wrong number.
 */
export function provisionedOf(
  pods: Workload[],
  claims: Workload[],
): ProvisionedResources | undefined {
  try {
    const running = pods.filter(reserves);
    let cpuCores = 0;
    let memoryGb = 0;
    for (const pod of running) {
      for (const container of pod.spec?.containers ?? []) {
        const cpu = requested(container, 'cpu');
        const memory = requested(container, 'memory');
        if (cpu !== undefined) cpuCores += parseCpuCores(cpu);
        if (memory !== undefined) memoryGb += parseMemoryGb(memory);
      }
    }
    let storageGb = 0;
    for (const claim of claims) {
      const size =
        claim.status?.capacity?.storage ??
        claim.spec?.resources?.requests?.storage;
      if (size !== undefined) storageGb += parseMemoryGb(String(size));
    }
    return { replicas: running.length, cpuCores, memoryGb, storageGb };
  } catch {
    return undefined;
  }
}
