import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  RuntimeError,
  mapWithConcurrency,
  type DataLoad,
  type DataLoadContext,
  type DataLoadResult,
  type EnvironmentRuntime,
  type ManagedEnvironmentRef,
  type ObservedState,
  type OrphanContext,
  type ResolvedEnvironment,
  type RetryOptions,
  type RuntimeContext,
  type RuntimePlan,
} from '@greenroom/plugin-environments-node';
import type { DatabaseEngine } from '@greenroom/plugin-environments-common';
import { ClusterApi, refOf } from './cluster/ClusterApi';
import type { ClusterConfig } from './cluster/config';
import { DataJobs } from './data/DataJobs';
import { DATA_ENGINES } from './data/engines';
import { dataJobFor } from './data/dataJobFor';
import {
  ENVIRONMENT_ID_LABEL,
  ENVIRONMENT_LABEL,
  environmentSelector,
  installationSelector,
  objectKey,
  namespaceName,
  renderEnvironment,
  type KubeObject,
  type RenderedEnvironment,
} from './render';
import { compareWithCluster, driftOf } from './runtime/compare';
import { KINDS, OWNED_KINDS, TIERS } from './runtime/kinds';
import { Namespaces } from './runtime/namespaces';
import { EnvironmentObjects, inWriteOrder } from './runtime/objects';
import { checkpointAhead } from './runtime/checkpointAhead';
import {
  DEFAULT_RUNTIME_OPTIONS,
  type KubernetesRuntimeOptions,
} from './runtime/options';
import type { Environment, RuntimeScope } from './runtime/scope';
import { WakeRouting } from './runtime/wakeRouting';
import { Workloads, listingOf } from './runtime/workloads';

export interface KubernetesRuntimeInit {
  clusters: ClusterConfig[];
  logger: LoggerService;
  /**
   * `environments.installationId` (see `readInstallationId`): labelled on
   * everything, and required on everything listed, adopted or deleted.
   */
  installationId: string;
  options?: Partial<KubernetesRuntimeOptions>;
  /** Retries of each API request; defaults of `retryWithBackoff`. */
  retry?: RetryOptions;
}

/**
 * The `kubernetes` runtime: a namespace per environment, and in it the
 * objects {@link renderEnvironment} renders, kept converged with server-side
 * apply. Everything it creates carries Greenroom's ownership labels, and it
 * only ever deletes what carries them.
 *
 * The runtime says what happens in which order; namespaces, objects and
 * workloads each have their own file under `runtime/`.
 */
export class KubernetesRuntime implements EnvironmentRuntime {
  readonly type = 'kubernetes';
  readonly dataEngines = Object.keys(DATA_ENGINES) as DatabaseEngine[];
  readonly #clusters: ClusterConfig[];
  readonly #installationId: string;
  readonly #options: KubernetesRuntimeOptions;
  readonly #retry: RetryOptions;
  readonly #apis = new Map<string, Promise<ClusterApi>>();
  readonly #namespaces: Namespaces;
  readonly #objects: EnvironmentObjects;
  readonly #workloads: Workloads;
  readonly #wakeRouting: WakeRouting;
  readonly #dataJobs: DataJobs;

  constructor(init: KubernetesRuntimeInit) {
    if (init.clusters.length === 0) {
      throw new Error('The kubernetes runtime needs at least one cluster');
    }
    this.#clusters = init.clusters;
    this.#installationId = init.installationId;
    this.#options = { ...DEFAULT_RUNTIME_OPTIONS, ...init.options };
    this.#retry = init.retry ?? {};
    const scope: RuntimeScope = {
      installationId: init.installationId,
      options: this.#options,
      logger: init.logger,
    };
    this.#namespaces = new Namespaces(scope);
    this.#objects = new EnvironmentObjects(scope);
    this.#workloads = new Workloads(scope);
    this.#wakeRouting = new WakeRouting(scope);
    this.#dataJobs = new DataJobs(scope);
  }

  // --- EnvironmentRuntime ------------------------------------------------------

  async plan(env: ResolvedEnvironment): Promise<RuntimePlan> {
    const { api, rendered } = await this.#prepare(env);
    const { currentNamespace, current } = await this.#current(
      api,
      rendered,
      env,
    );
    return {
      runtime: this.type,
      changes: compareWithCluster(rendered, currentNamespace, current),
    };
  }

  async apply(
    env: ResolvedEnvironment,
    ctx: RuntimeContext,
  ): Promise<ObservedState> {
    const { api, rendered, cluster } = await this.#prepare(env);
    const { signal } = ctx;
    const namespace = rendered.namespace.metadata.name;
    ctx.logger.info('Applying environment to Kubernetes', {
      environment: env.environment.name,
      cluster: cluster.name,
      namespace,
      objects: rendered.objects.length,
    });

    // Kept only when written in this run: a resumed apply observes without
    // it, and the engine then observes again.
    let namespaceNow: KubeObject | undefined;
    // Checkpoint saves in flight: each step waits for its writes, not for
    // the save of the one before (see checkpointAhead).
    const saving: Promise<unknown>[] = [];
    try {
      await checkpointAhead(
        ctx,
        'namespace',
        async () => {
          namespaceNow = await this.#namespaces.ensure(
            api,
            rendered,
            env.environment,
            signal,
          );
        },
        saving,
      );
      // Tier by tier: databases are written before the apps that use them.
      // One checkpoint per tier, not per object: a resumed operation applies
      // again only the tier it was in (server-side apply is idempotent), and
      // the operation row is written 3 times instead of once per few objects.
      for (const tier of TIERS) {
        const objects = inWriteOrder(
          rendered.objects.filter(o => o.tier === tier).map(o => o.object),
        );
        if (objects.length === 0) continue;
        await checkpointAhead(
          ctx,
          `tier/${tier}`,
          () =>
            mapWithConcurrency(objects, this.#options.concurrency, object =>
              this.#objects.apply(api, object, signal),
            ).then(() => objects.length),
          saving,
        );
      }
    } catch (error) {
      // A failed tier still lets the tiers before it save their checkpoints.
      await Promise.allSettled(saving);
      throw error;
    }
    // One listing of every owned kind, after the writes: what prune deletes,
    // the rollout's first check, and the observation's workloads, claims and
    // drift (objects pruned from it are not drift). It reads only, so it goes
    // while the last tier's checkpoint is saved; prune's own checkpoint is
    // saved after that one (the run's writes are in order).
    const [owned] = await Promise.all([
      this.#objects.listOwned(api, namespace, env.environment, signal),
      Promise.all(saving),
    ]);
    // Its save goes on while the rollout is checked and pods are listed.
    const pruneSaved: Promise<unknown>[] = [];
    let pruned: string[] = [];
    await checkpointAhead(
      ctx,
      'prune',
      async () => {
        pruned = await this.#objects.prune(api, rendered, owned, signal);
        return pruned;
      },
      pruneSaved,
    );
    ctx.logger.info('Applied environment to Kubernetes; waiting for rollout', {
      environment: env.environment.name,
      namespace,
      pruned: pruned.join(',') || 'none',
    });
    const rolledOut = await this.#workloads.waitForRollout(
      api,
      rendered,
      signal,
      listingOf(OWNED_KINDS, owned),
    );
    const restored = await this.#restoreRouting(api, rendered, ctx);
    const observed = await this.#workloads.observe(api, rendered, rolledOut);
    await Promise.all(pruneSaved);
    // Drift from the listing only while it still shows the cluster: not
    // after routing changed Ingresses, nor without this run's namespace.
    return namespaceNow && restored === 0
      ? this.#fullObservation(observed, rendered, env, namespaceNow, owned)
      : observed;
  }

  async stop(env: ResolvedEnvironment, ctx: RuntimeContext): Promise<void> {
    const { api, rendered, workloads } = await this.#checkedWorkloads(env, ctx);
    await mapWithConcurrency(workloads, this.#options.concurrency, workload =>
      ctx.checkpoint(`scale-down/${objectKey(workload)}`, () =>
        this.#workloads.scaleDown(api, workload, ctx.signal),
      ),
    );
    const pointed = await ctx.checkpoint('wake-routing', () =>
      this.#wakeRouting.pointToWake(api, rendered, env, ctx.signal),
    );
    ctx.logger.info('Scaled environment to zero', {
      environment: env.environment.name,
      workloads: workloads.length,
      wakeRouting: (pointed ?? []).join(',') || 'none',
    });
  }

  /** Scales back up and waits for the rollout; returns what then runs. */
  async start(
    env: ResolvedEnvironment,
    ctx: RuntimeContext,
  ): Promise<ObservedState> {
    const { api, rendered, workloads } = await this.#checkedWorkloads(env, ctx);
    const present = new Set(workloads.map(objectKey));
    const missing = rendered.services.filter(
      s =>
        s.workload &&
        s.workload.kind !== 'Job' &&
        !present.has(`${s.workload.kind}/${s.workload.name}`),
    );
    if (missing.length > 0) {
      // Never deployed, or removed behind our back: converge instead.
      ctx.logger.info('Starting by applying the environment', {
        environment: env.environment.name,
        missing: missing.map(s => s.name).join(','),
      });
      return this.apply(env, ctx);
    }
    const byWorkload = new Map(
      rendered.services.map(s => [
        `${s.workload?.kind}/${s.workload?.name}`,
        s,
      ]),
    );
    await mapWithConcurrency(workloads, this.#options.concurrency, workload =>
      ctx.checkpoint(`scale-up/${objectKey(workload)}`, () =>
        this.#workloads.scaleUp(
          api,
          workload,
          byWorkload.get(objectKey(workload)),
          ctx.signal,
        ),
      ),
    );
    const rolledOut = await this.#workloads.waitForRollout(
      api,
      rendered,
      ctx.signal,
    );
    await this.#restoreRouting(api, rendered, ctx);
    return this.#workloads.observe(api, rendered, rolledOut);
  }

  async destroy(env: ResolvedEnvironment, ctx: RuntimeContext): Promise<void> {
    const { api, rendered } = await this.#prepare(env);
    const ref = refOf(rendered.namespace);
    const current = await api.read(ref, { signal: ctx.signal });
    if (!current) return;
    this.#namespaces.checkOwnership(current, env.environment);
    ctx.logger.info('Deleting namespace of environment', {
      environment: env.environment.name,
      namespace: ref.name,
    });
    await this.#namespaces.delete(api, current, ctx.signal);
  }

  async observe(env: ResolvedEnvironment): Promise<ObservedState> {
    const { api, rendered } = await this.#prepare(env);
    const [observed, { currentNamespace, current }] = await Promise.all([
      this.#workloads.observe(api, rendered),
      this.#current(api, rendered, env),
    ]);
    return this.#fullObservation(
      observed,
      rendered,
      env,
      currentNamespace,
      current,
    );
  }

  /** An observation with its drift and the catalog entity's annotations. */
  #fullObservation(
    observed: ObservedState,
    rendered: RenderedEnvironment,
    env: ResolvedEnvironment,
    currentNamespace: KubeObject | undefined,
    current: KubeObject[],
  ): ObservedState {
    return {
      ...observed,
      drift: driftOf(compareWithCluster(rendered, currentNamespace, current)),
      // Where the Kubernetes plugin finds the environment's pods and events.
      entityAnnotations: {
        'backstage.io/kubernetes-namespace': rendered.namespace.metadata.name,
        'backstage.io/kubernetes-label-selector': environmentSelector(
          env.environment.name,
          this.#installationId,
        ),
      },
    };
  }

  async listManaged(): Promise<ManagedEnvironmentRef[]> {
    // Promise.all: one failed cluster fails the listing, never a partial list.
    const perCluster = await Promise.all(
      this.#clusters.map(async cluster => {
        const api = await this.#api(cluster);
        // Only this installation's: another portal sharing the cluster
        // (or a namespace from before installation labels) is never listed.
        const namespaces = await api.list(
          KINDS.Namespace,
          'Namespace',
          undefined,
          installationSelector(this.#installationId),
        );
        return namespaces.flatMap(ns => {
          const labels = ns.metadata.labels ?? {};
          const name = labels[ENVIRONMENT_LABEL];
          return name
            ? [
                {
                  environmentName: name,
                  environmentId: labels[ENVIRONMENT_ID_LABEL],
                  target: cluster.name,
                },
              ]
            : [];
        });
      }),
    );
    return perCluster.flat();
  }

  async destroyOrphan(
    ref: ManagedEnvironmentRef,
    ctx: OrphanContext,
  ): Promise<void> {
    const cluster = this.#clusterNamed(
      ref.target,
      `target of orphaned environment ${ref.environmentName}`,
    );
    const api = await this.#api(cluster);
    // By labels, not by name: the namespace prefix may have changed since.
    const namespaces = await api.list(
      KINDS.Namespace,
      'Namespace',
      undefined,
      environmentSelector(ref.environmentName, this.#installationId),
      { signal: ctx.signal },
    );
    // Checked again here: only what still carries the orphan's labels goes.
    const orphans = namespaces.filter(ns => this.#namespaces.isOrphan(ns, ref));
    for (const namespace of orphans) {
      ctx.logger.info('Deleting orphaned namespace', {
        environment: ref.environmentName,
        environmentId: ref.environmentId ?? 'any',
        cluster: cluster.name,
        namespace: namespace.metadata.name,
      });
      await this.#namespaces.delete(api, namespace, ctx.signal);
    }
  }

  /**
   * Runs a Job in the environment's namespace that copies the source's
   * database through the rules, or seeds it. A resumed attempt of the same
   * operation waits for the Job already running; a failed one is started
   * over.
   */
  async loadData(
    env: ResolvedEnvironment,
    load: DataLoad,
    ctx: DataLoadContext,
  ): Promise<DataLoadResult> {
    const { api, rendered, cluster } = await this.#prepare(env);
    await this.#namespaces.check(api, rendered, env.environment, ctx.signal);
    const sourceCluster =
      load.source?.environment.runtime.type === this.type
        ? this.#cluster(load.source.environment)
        : undefined;
    const job = dataJobFor(env, load, {
      namespace: rendered.namespace.metadata.name,
      // In-cluster hosts of a source resolve only within the same cluster.
      sourceNamespace:
        load.source && sourceCluster?.name === cluster.name
          ? namespaceName(cluster.namespacePrefix, load.source.environment.name)
          : undefined,
      clusterDomain: this.#options.clusterDomain,
      installationId: this.#installationId,
      options: this.#options.data,
    });
    ctx.logger.info('Loading data into a database', {
      environment: env.environment.name,
      service: load.service,
      action: load.action,
      job: job.objects.job.metadata.name,
    });
    // Once done, a resumed operation does not load it again.
    return ctx.checkpoint(`data/${load.service}`, async () => {
      const { rows, tables } = await this.#dataJobs.run(api, job, ctx);
      return {
        rows,
        tables: tables.map(t => ({ table: t.table, rows: t.rows })),
      };
    });
  }

  /**
   * Once the services are ready, their Ingresses send visitors to them
   * again; how many were changed.
   */
  async #restoreRouting(
    api: ClusterApi,
    rendered: RenderedEnvironment,
    ctx: RuntimeContext,
  ): Promise<number> {
    const restored = await this.#wakeRouting.restore(api, rendered, ctx.signal);
    if (restored.length > 0) {
      ctx.logger.info('Ingresses route to their services again', {
        ingresses: restored.join(','),
      });
    }
    return restored.length;
  }

  /** The environment's namespace and the objects in it that it owns. */
  async #current(
    api: ClusterApi,
    rendered: RenderedEnvironment,
    env: ResolvedEnvironment,
  ) {
    const currentNamespace = await api.read(refOf(rendered.namespace));
    const current = currentNamespace
      ? await this.#objects.listOwned(
          api,
          rendered.namespace.metadata.name,
          env.environment,
        )
      : [];
    return { currentNamespace, current };
  }

  /** The environment's workloads, once its namespace is known to be its own. */
  async #checkedWorkloads(env: ResolvedEnvironment, ctx: RuntimeContext) {
    const { api, rendered } = await this.#prepare(env);
    await this.#namespaces.check(api, rendered, env.environment, ctx.signal);
    const workloads = await this.#workloads.list(
      api,
      rendered,
      env.environment,
      ctx.signal,
    );
    return { api, rendered, workloads };
  }

  // --- clusters and rendering --------------------------------------------------

  #cluster(environment: Environment): ClusterConfig {
    return this.#clusterNamed(
      environment.runtime.target,
      `runtime.target of environment ${environment.name}`,
    );
  }

  #clusterNamed(target: string | undefined, of: string): ClusterConfig {
    if (!target) return this.#clusters[0];
    const cluster = this.#clusters.find(c => c.name === target);
    if (!cluster) {
      throw new RuntimeError(
        `Kubernetes cluster '${target}' (${of}) is not configured; configured clusters: ${this.#clusters
          .map(c => c.name)
          .join(', ')}`,
        { transient: false, code: 'UnknownCluster' },
      );
    }
    return cluster;
  }

  #api(cluster: ClusterConfig): Promise<ClusterApi> {
    let api = this.#apis.get(cluster.name);
    if (!api) {
      api = ClusterApi.create(cluster, this.#retry).catch(error => {
        this.#apis.delete(cluster.name);
        throw new RuntimeError(
          `Kubernetes cluster '${
            cluster.name
          }': cannot load its connection settings: ${(error as Error).message}`,
          { transient: false, cause: error },
        );
      });
      this.#apis.set(cluster.name, api);
    }
    return api;
  }

  async #prepare(env: ResolvedEnvironment) {
    const cluster = this.#cluster(env.environment);
    const rendered = renderEnvironment(env, {
      namespacePrefix: cluster.namespacePrefix,
      installationId: this.#installationId,
      ingress: this.#options.ingress,
      clusterDomain: this.#options.clusterDomain,
    });
    return { cluster, rendered, api: await this.#api(cluster) };
  }
}
