import {
  RuntimeError,
  delay,
  type ObservedState,
} from '@greenroom/plugin-environments-node';
import { ClusterApi, isConflict, refOf } from '../cluster/ClusterApi';
import {
  DATA_LOAD_LABEL,
  ENVIRONMENT_LABEL,
  INSTALLATION_LABEL,
  SERVICE_LABEL,
  environmentSelector,
  objectKey,
  type KubeObject,
  type RenderedEnvironment,
  type RenderedService,
} from '../render';
import { KINDS, SCALABLE_KINDS, type Kind } from './kinds';
import { observeService } from './observeService';
import { provisionedOf } from './provisioned';
import {
  isRolledOut,
  podProblem,
  progressDeadlineExceeded,
} from './podProblems';
import { scaleDownPatch, scaleUpPatch } from './scaling';
import { Environment, RuntimeScope, Workload, formatMs } from './scope';

/** Objects of the environment listed at one moment, by key, and which kinds were listed. */
export interface Listing {
  kinds: readonly Kind[];
  objects: Map<string, Workload>;
}

export function listingOf(
  kinds: readonly Kind[],
  objects: KubeObject[],
): Listing {
  return { kinds, objects: byKey(objects) };
}

function byKey(objects: KubeObject[]): Map<string, Workload> {
  return new Map(objects.map(o => [objectKey(o), o as Workload]));
}

/** The kinds an observation reads besides pods and claims. */
const OBSERVED_KINDS: Kind[] = [...SCALABLE_KINDS, 'Job'];

/**
 * The running side of an environment: its Deployments and StatefulSets and
 * their pods, scaled down and up, waited for until rolled out, and observed.
 */
export class Workloads {
  constructor(private readonly scope: RuntimeScope) {}

  /** The environment's Deployments and StatefulSets. */
  async list(
    api: ClusterApi,
    rendered: RenderedEnvironment,
    environment: Environment,
    signal: AbortSignal,
  ): Promise<Workload[]> {
    const workloads = await this.#listByKey(
      api,
      rendered.namespace.metadata.name,
      environment.name,
      SCALABLE_KINDS,
      signal,
    );
    return [...workloads.values()];
  }

  scaleDown(api: ClusterApi, workload: Workload, signal: AbortSignal) {
    return this.#update(api, workload, signal, scaleDownPatch);
  }

  scaleUp(
    api: ClusterApi,
    workload: Workload,
    service: RenderedService | undefined,
    signal: AbortSignal,
  ) {
    return this.#update(api, workload, signal, current =>
      scaleUpPatch(current, service?.replicas),
    );
  }

  /**
   * Waits until every service's workload is rolled out; a pod that cannot
   * start, a missed progress deadline or the timeout ends the wait with an
   * error naming the services. Returns the listing that showed them all
   * rolled out: `listed` itself when it did.
   */
  async waitForRollout(
    api: ClusterApi,
    rendered: RenderedEnvironment,
    signal: AbortSignal,
    listed?: Listing,
  ): Promise<Listing> {
    const { rolloutTimeoutMs, pollIntervalMs } = this.scope.options;
    const deadline = Date.now() + rolloutTimeoutMs;
    const namespace = rendered.namespace.metadata.name;
    const selector = rendered.namespace.metadata.labels![ENVIRONMENT_LABEL];
    const waitingFor = rendered.services.filter(
      s => s.workload && s.workload.kind !== 'Job',
    );
    // The first check reads a listing made after the writes, if given.
    let listing =
      listed && SCALABLE_KINDS.every(kind => listed.kinds.includes(kind))
        ? listed
        : undefined;
    for (;;) {
      listing ??= {
        kinds: SCALABLE_KINDS,
        objects: await this.#listByKey(
          api,
          namespace,
          selector,
          SCALABLE_KINDS,
          signal,
        ),
      };
      const workloads = listing.objects;
      const pending = waitingFor.filter(s => {
        const workload = workloads.get(
          `${s.workload!.kind}/${s.workload!.name}`,
        );
        return !workload || !isRolledOut(workload);
      });
      if (pending.length === 0) return listing;

      const pods = await this.#podsByService(api, namespace, selector, signal);
      const problems = pending.flatMap(s => {
        const workload = workloads.get(
          `${s.workload!.kind}/${s.workload!.name}`,
        );
        const problem =
          podProblem(s.name, pods.get(s.name) ?? []) ??
          (workload && progressDeadlineExceeded(workload)
            ? `${s.name}: did not become ready before its progress deadline (ProgressDeadlineExceeded)`
            : undefined);
        return problem ? [problem] : [];
      });
      if (problems.length > 0) {
        throw new RuntimeError(`Rollout failed: ${problems.join('; ')}`, {
          transient: false,
          code: 'RolloutFailed',
        });
      }
      if (Date.now() >= deadline) {
        const summary = pending
          .slice(0, 10)
          .map(s => {
            const w = workloads.get(`${s.workload!.kind}/${s.workload!.name}`);
            return w
              ? `${s.name} (${w.status?.readyReplicas ?? 0}/${
                  w.spec?.replicas ?? 1
                } ready)`
              : `${s.name} (not found)`;
          })
          .join(', ');
        throw new RuntimeError(
          `Rollout did not finish within ${formatMs(
            rolloutTimeoutMs,
          )}: ${summary}${
            pending.length > 10 ? `, and ${pending.length - 10} more` : ''
          }`,
          { transient: false, code: 'RolloutTimeout' },
        );
      }
      await delay(pollIntervalMs, signal);
      listing = undefined;
    }
  }

  /**
   * Each service's state, from its workload and pods, and what it holds
   * (its pods' requests, its volume claims). `listed`: objects just listed
   * (by the rollout wait or prune), whose kinds are not listed again; pods
   * are always listed now.
   */
  async observe(
    api: ClusterApi,
    rendered: RenderedEnvironment,
    listed?: Listing,
  ): Promise<ObservedState> {
    const namespace = rendered.namespace.metadata.name;
    const environmentName =
      rendered.namespace.metadata.labels![ENVIRONMENT_LABEL];
    const has = (kind: Kind) => listed?.kinds.includes(kind) ?? false;
    const [missing, pods, claims] = await Promise.all([
      this.#listByKey(
        api,
        namespace,
        environmentName,
        OBSERVED_KINDS.filter(kind => !has(kind)),
      ),
      this.#podsByService(api, namespace, environmentName),
      has('PersistentVolumeClaim')
        ? groupByService(
            [...listed!.objects.values()].filter(
              o =>
                o.kind === 'PersistentVolumeClaim' &&
                o.metadata.labels?.[SERVICE_LABEL] !== undefined,
            ),
          )
        : this.#claimsByService(api, namespace, environmentName),
    ]);
    const workloads = new Map([...(listed?.objects ?? []), ...missing]);
    return {
      observedAt: new Date().toISOString(),
      services: rendered.services.map(service => {
        const observed = observeService(
          service,
          service.workload &&
            workloads.get(`${service.workload.kind}/${service.workload.name}`),
          pods.get(service.name) ?? [],
        );
        const provisioned = provisionedOf(
          pods.get(service.name) ?? [],
          claims.get(service.name) ?? [],
        );
        return provisioned ? { ...observed, provisioned } : observed;
      }),
    };
  }

  /**
   * Read-modify-write with the resource version as precondition; a conflict
   * (someone changed it meanwhile) reads again and retries.
   */
  async #update(
    api: ClusterApi,
    workload: Workload,
    signal: AbortSignal,
    change: (current: Workload) => Record<string, unknown> | undefined,
  ): Promise<void> {
    let current: Workload | undefined = workload;
    for (let attempt = 0; current; attempt++) {
      const patch = change(current);
      if (!patch) return;
      try {
        await api.mergePatch(
          refOf(current),
          {
            ...patch,
            metadata: {
              ...(patch.metadata as object),
              resourceVersion: current.metadata.resourceVersion,
            },
          },
          { signal },
        );
        return;
      } catch (error) {
        if (!isConflict(error) || attempt >= 4) throw error;
        current = (await api.read(refOf(current), { signal })) as Workload;
      }
    }
  }

  async #listByKey(
    api: ClusterApi,
    namespace: string,
    environmentName: string,
    kinds: Kind[],
    signal?: AbortSignal,
  ): Promise<Map<string, Workload>> {
    const selector = environmentSelector(
      environmentName,
      this.scope.installationId,
    );
    if (kinds.length === 0) return new Map();
    const lists = await Promise.all(
      kinds.map(kind =>
        api.list(KINDS[kind], kind, namespace, selector, { signal }),
      ),
    );
    return byKey(lists.flat());
  }

  /** The environment's volume claims (a StatefulSet's, one per replica), by service. */
  async #claimsByService(
    api: ClusterApi,
    namespace: string,
    environmentName: string,
  ): Promise<Map<string, Workload[]>> {
    const claims = await api.list(
      KINDS.PersistentVolumeClaim,
      'PersistentVolumeClaim',
      namespace,
      `${environmentSelector(
        environmentName,
        this.scope.installationId,
      )},${SERVICE_LABEL}`,
    );
    return groupByService(claims as Workload[]);
  }

  async #podsByService(
    api: ClusterApi,
    namespace: string,
    environmentName: string,
    signal?: AbortSignal,
  ): Promise<Map<string, Workload[]>> {
    const pods = await api.list(
      KINDS.Pod,
      'Pod',
      namespace,
      // A data load's pod is not one of its database's.
      `${INSTALLATION_LABEL}=${this.scope.installationId},${ENVIRONMENT_LABEL}=${environmentName},${SERVICE_LABEL},!${DATA_LOAD_LABEL}`,
      { signal },
    );
    return groupByService(pods as Workload[]);
  }
}

function groupByService(objects: Workload[]): Map<string, Workload[]> {
  const byService = new Map<string, Workload[]>();
  for (const object of objects) {
    const service = object.metadata.labels![SERVICE_LABEL];
    byService.set(service, [...(byService.get(service) ?? []), object]);
  }
  return byService;
}
