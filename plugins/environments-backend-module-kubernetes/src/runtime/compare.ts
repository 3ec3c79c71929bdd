import type { DriftFinding } from '@greenroom/plugin-environments-common';
import type { RuntimePlanChange } from '@greenroom/plugin-environments-node';
import {
  SERVICE_LABEL,
  objectKey,
  type KubeObject,
  type RenderedEnvironment,
} from '../render';
import { objectChanges } from './diff';
import { staleObjects } from './objects';

/**
 * What the cluster has against what we render: each object to create,
 * update (with the paths that differ) or leave, and owned objects no longer
 * rendered. The plan shows it; observation reports the differences as drift.
 */
export function compareWithCluster(
  rendered: RenderedEnvironment,
  currentNamespace: KubeObject | undefined,
  current: KubeObject[],
): RuntimePlanChange[] {
  const byKey = new Map(current.map(o => [objectKey(o), o]));
  const changes: RuntimePlanChange[] = [];
  const describe = (
    object: KubeObject,
    existing: KubeObject | undefined,
    service?: string,
  ) => {
    const resource = objectKey(object);
    if (!existing) {
      changes.push({ action: 'create', resource, service });
      return;
    }
    const paths = objectChanges(object, existing);
    changes.push(
      paths.length
        ? { action: 'update', resource, service, detail: paths.join(', ') }
        : { action: 'unchanged', resource, service },
    );
  };
  describe(rendered.namespace, currentNamespace);
  for (const { object, service } of rendered.objects) {
    describe(object, byKey.get(objectKey(object)), service);
  }
  for (const stale of staleObjects(rendered, current)) {
    changes.push({
      action: 'delete',
      resource: objectKey(stale),
      service: stale.metadata.labels?.[SERVICE_LABEL],
      detail: 'no longer rendered',
    });
  }
  return changes;
}

/** The most drift findings one observation reports; a missing namespace would otherwise list everything. */
const MAX_DRIFT = 50;

/**
 * Objects of a running environment deleted or changed behind Greenroom's
 * back. Objects it would prune are not drift: the next apply removes them.
 */
export function driftOf(changes: RuntimePlanChange[]): DriftFinding[] {
  const drift: DriftFinding[] = changes.flatMap(change => {
    if (change.action !== 'create' && change.action !== 'update') return [];
    return [
      {
        resource: change.resource,
        ...(change.service && { service: change.service }),
        change: change.action === 'create' ? 'missing' : 'modified',
        ...(change.detail && { detail: change.detail }),
      } satisfies DriftFinding,
    ];
  });
  return drift.slice(0, MAX_DRIFT);
}
