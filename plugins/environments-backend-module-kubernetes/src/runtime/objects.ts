import { ClusterApi, refOf } from '../cluster/ClusterApi';
import {
  DATA_LOAD_LABEL,
  INSTALLATION_LABEL,
  REPLICAS_ANNOTATION,
  SERVICE_LABEL,
  environmentSelector,
  objectKey,
  type KubeObject,
  type RenderedEnvironment,
} from '../render';
import { mapWithConcurrency } from '@greenroom/plugin-environments-node';
import { objectChanges } from './diff';
import { KINDS, OWNED_KINDS } from './kinds';
import type { Environment, RuntimeScope, Workload } from './scope';

/**
 * A tier's objects with those written after a read (StatefulSets, Jobs)
 * first: at a fixed number of requests in flight, their second request then
 * overlaps the other objects' writes instead of adding a round at the end.
 */
export function inWriteOrder(objects: KubeObject[]): KubeObject[] {
  const readFirst = (o: KubeObject) =>
    o.kind === 'StatefulSet' || o.kind === 'Job' ? 0 : 1;
  return [...objects].sort((a, b) => readFirst(a) - readFirst(b));
}

/**
 * The objects of an environment's namespace: writing each rendered one
 * (server-side apply; Jobs are replaced), listing those Greenroom owns, and
 * deleting those no longer rendered.
 */
export class EnvironmentObjects {
  constructor(private readonly scope: RuntimeScope) {}

  async apply(
    api: ClusterApi,
    object: KubeObject,
    signal: AbortSignal,
  ): Promise<void> {
    if (object.kind !== 'Job') {
      const applied = await api.apply(
        object.kind === 'StatefulSet'
          ? await this.#keepClaimTemplateLabels(api, object, signal)
          : object,
        { signal },
      );
      if (applied.metadata.annotations?.[REPLICAS_ANNOTATION] !== undefined) {
        // Applying runs the workload at its rendered count again; a count
        // remembered by an earlier stop would wrongly come back at start.
        await api.mergePatch(
          refOf(object),
          { metadata: { annotations: { [REPLICAS_ANNOTATION]: null } } },
          { signal },
        );
      }
      return;
    }
    // A Job's pod template is immutable: a changed job is a new run.
    const current = await api.read(refOf(object), { signal });
    if (current && objectChanges(object, current).length === 0) return;
    if (current) await api.delete(refOf(object), { signal });
    await api.apply(object, { signal });
  }

  /** Every object of the environment this installation owns, or an error. */
  async listOwned(
    api: ClusterApi,
    namespace: string,
    environment: Environment,
    signal?: AbortSignal,
  ): Promise<KubeObject[]> {
    const selector = environmentSelector(
      environment.name,
      this.scope.installationId,
    );
    // All listings must succeed before anything is deleted.
    const lists = await Promise.all(
      OWNED_KINDS.map(kind =>
        api.list(KINDS[kind], kind, namespace, selector, { signal }),
      ),
    );
    return lists.flat();
  }

  /**
   * Deletes the owned objects no longer rendered; their keys. `current`: what
   * {@link EnvironmentObjects.listOwned} just listed.
   */
  async prune(
    api: ClusterApi,
    rendered: RenderedEnvironment,
    current: KubeObject[],
    signal: AbortSignal,
  ): Promise<string[]> {
    const stale = staleObjects(rendered, current);
    await mapWithConcurrency(stale, this.scope.options.concurrency, object =>
      api.delete(refOf(object), { signal }),
    );
    return stale.map(objectKey);
  }

  /**
   * Volume claim templates are immutable: a StatefulSet made before
   * installation labels keeps the labels of its own claim templates (its
   * claims were labelled when it was adopted).
   */
  async #keepClaimTemplateLabels(
    api: ClusterApi,
    object: KubeObject,
    signal: AbortSignal,
  ): Promise<KubeObject> {
    const current = (await api.read(refOf(object), { signal })) as
      | Workload
      | undefined;
    const existing: any[] = current?.spec?.volumeClaimTemplates ?? [];
    if (
      existing.length === 0 ||
      existing.every(t => t.metadata?.labels?.[INSTALLATION_LABEL])
    ) {
      return object;
    }
    const spec = (object as Workload).spec;
    return {
      ...object,
      spec: {
        ...spec,
        volumeClaimTemplates: spec.volumeClaimTemplates.map((t: any) => {
          const old = existing.find(e => e.metadata?.name === t.metadata.name);
          return old
            ? { ...t, metadata: { ...t.metadata, labels: old.metadata.labels } }
            : t;
        }),
      },
    };
  }
}

/**
 * Owned objects that are no longer rendered (claims of removed databases).
 * A data load's objects are never stale: they go with their Job.
 */
export function staleObjects(
  rendered: RenderedEnvironment,
  current: KubeObject[],
): KubeObject[] {
  const wanted = new Set(rendered.objects.map(o => objectKey(o.object)));
  const databases = new Set(
    rendered.services
      .filter(s => s.workload?.kind === 'StatefulSet')
      .map(s => s.name),
  );
  return current.filter(object => {
    if (object.metadata.labels?.[DATA_LOAD_LABEL] !== undefined) return false;
    return object.kind === 'PersistentVolumeClaim'
      ? !databases.has(object.metadata.labels?.[SERVICE_LABEL] ?? '')
      : !wanted.has(objectKey(object));
  });
}
