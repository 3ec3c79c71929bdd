import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  RuntimeError,
  delay,
  type EnvironmentRuntime,
  type ManagedEnvironmentRef,
  type ObservedState,
  type OrphanContext,
  type ResolvedEnvironment,
  type RetryOptions,
  type RuntimeContext,
  type RuntimePlan,
  type RuntimePlanChange,
} from '@greenroom/plugin-environments-node';
import { ClusterApi, isConflict, refOf } from './cluster/ClusterApi';
import type { ClusterConfig } from './cluster/config';
import {
  ENVIRONMENT_ID_LABEL,
  ENVIRONMENT_LABEL,
  INSTALLATION_LABEL,
  MANAGED_BY_LABEL,
  MANAGED_BY_VALUE,
  MANAGED_SELECTOR,
  REPLICAS_ANNOTATION,
  SERVICE_LABEL,
  environmentSelector,
  installationSelector,
  objectKey,
  renderEnvironment,
  type KubeObject,
  type RenderedEnvironment,
  type RenderedService,
} from './render';
import { mapWithConcurrency } from './runtime/concurrency';
import {
  KINDS,
  OWNED_KINDS,
  SCALABLE_KINDS,
  TIERS,
  type Kind,
} from './runtime/kinds';
import { observeService } from './runtime/observeService';
import { scaleDownPatch, scaleUpPatch } from './runtime/scaling';
import { objectChanges } from './runtime/diff';
import {
  DEFAULT_RUNTIME_OPTIONS,
  type KubernetesRuntimeOptions,
} from './runtime/options';
import {
  isRolledOut,
  podProblem,
  progressDeadlineExceeded,
} from './runtime/podProblems';

type Workload = KubeObject & { spec?: any; status?: any };
type Environment = ResolvedEnvironment['environment'];

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

function formatMs(ms: number) {
  if (ms < 1000) return `${ms}ms`;
  return ms % 60_000 === 0 ? `${ms / 60_000}m` : `${Math.round(ms / 1000)}s`;
}

/**
 * The `kubernetes` runtime: a namespace per environment, and in it the
 * objects {@link renderEnvironment} renders, kept converged with server-side
 * apply. Everything it creates carries Greenroom's ownership labels, and it
 * only ever deletes what carries them.
 */
export class KubernetesRuntime implements EnvironmentRuntime {
  readonly type = 'kubernetes';
  readonly #clusters: ClusterConfig[];
  readonly #logger: LoggerService;
  readonly #installationId: string;
  readonly #options: KubernetesRuntimeOptions;
  readonly #retry: RetryOptions;
  readonly #apis = new Map<string, Promise<ClusterApi>>();

  constructor(init: KubernetesRuntimeInit) {
    if (init.clusters.length === 0) {
      throw new Error('The kubernetes runtime needs at least one cluster');
    }
    this.#clusters = init.clusters;
    this.#logger = init.logger;
    this.#installationId = init.installationId;
    this.#options = { ...DEFAULT_RUNTIME_OPTIONS, ...init.options };
    this.#retry = init.retry ?? {};
  }

  // --- EnvironmentRuntime ------------------------------------------------------

  async plan(env: ResolvedEnvironment): Promise<RuntimePlan> {
    const { api, rendered } = await this.#prepare(env);
    const namespace = rendered.namespace.metadata.name;
    const currentNamespace = await api.read(refOf(rendered.namespace));
    const current = currentNamespace
      ? await this.#listOwned(api, namespace, env.environment)
      : [];
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
    for (const stale of this.#stale(rendered, current)) {
      changes.push({
        action: 'delete',
        resource: objectKey(stale),
        service: stale.metadata.labels?.[SERVICE_LABEL],
        detail: 'no longer rendered',
      });
    }
    return { runtime: this.type, changes };
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

    await ctx.checkpoint('namespace', () =>
      this.#ensureNamespace(api, rendered, env.environment, signal),
    );
    // Tier by tier: databases are written before the apps that use them.
    for (const tier of TIERS) {
      const objects = rendered.objects.filter(o => o.tier === tier);
      await mapWithConcurrency(
        objects,
        this.#options.concurrency,
        ({ object }) =>
          ctx.checkpoint(`object/${objectKey(object)}`, () =>
            this.#applyObject(api, object, signal),
          ),
      );
    }
    const pruned = await ctx.checkpoint('prune', () =>
      this.#prune(api, rendered, env.environment, signal),
    );
    ctx.logger.info('Applied environment to Kubernetes; waiting for rollout', {
      environment: env.environment.name,
      namespace,
      pruned: (pruned ?? []).join(',') || 'none',
    });
    await this.#waitForRollout(api, rendered, signal);
    return this.#observeWith(api, rendered);
  }

  async stop(env: ResolvedEnvironment, ctx: RuntimeContext): Promise<void> {
    const { api, rendered } = await this.#prepare(env);
    await this.#checkNamespace(api, rendered, env.environment, ctx.signal);
    const workloads = await this.#listWorkloads(
      api,
      rendered,
      env.environment,
      ctx.signal,
    );
    await mapWithConcurrency(workloads, this.#options.concurrency, workload =>
      ctx.checkpoint(`scale-down/${objectKey(workload)}`, () =>
        this.#scaleDown(api, workload, ctx.signal),
      ),
    );
    ctx.logger.info('Scaled environment to zero', {
      environment: env.environment.name,
      workloads: workloads.length,
    });
  }

  async start(env: ResolvedEnvironment, ctx: RuntimeContext): Promise<void> {
    const { api, rendered } = await this.#prepare(env);
    await this.#checkNamespace(api, rendered, env.environment, ctx.signal);
    const workloads = await this.#listWorkloads(
      api,
      rendered,
      env.environment,
      ctx.signal,
    );
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
      await this.apply(env, ctx);
      return;
    }
    const byWorkload = new Map(
      rendered.services.map(s => [
        `${s.workload?.kind}/${s.workload?.name}`,
        s,
      ]),
    );
    await mapWithConcurrency(workloads, this.#options.concurrency, workload =>
      ctx.checkpoint(`scale-up/${objectKey(workload)}`, () =>
        this.#scaleUp(
          api,
          workload,
          byWorkload.get(objectKey(workload)),
          ctx.signal,
        ),
      ),
    );
    await this.#waitForRollout(api, rendered, ctx.signal);
  }

  async destroy(env: ResolvedEnvironment, ctx: RuntimeContext): Promise<void> {
    const { api, rendered } = await this.#prepare(env);
    const ref = refOf(rendered.namespace);
    const current = await api.read(ref, { signal: ctx.signal });
    if (!current) return;
    this.#checkOwnership(current, env.environment);
    if ((current as any).status?.phase !== 'Terminating') {
      await api.delete(ref, { signal: ctx.signal });
    }
    ctx.logger.info('Deleting namespace of environment', {
      environment: env.environment.name,
      namespace: ref.name,
    });
    await this.#waitUntilGone(api, ref.name, ctx.signal);
  }

  async observe(env: ResolvedEnvironment): Promise<ObservedState> {
    const { api, rendered } = await this.#prepare(env);
    return this.#observeWith(api, rendered);
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
    const orphans = namespaces.filter(ns => this.#isOrphan(ns, ref));
    for (const namespace of orphans) {
      const name = namespace.metadata.name;
      if ((namespace as any).status?.phase !== 'Terminating') {
        await api.delete(refOf(namespace), { signal: ctx.signal });
      }
      ctx.logger.info('Deleting orphaned namespace', {
        environment: ref.environmentName,
        environmentId: ref.environmentId ?? 'any',
        cluster: cluster.name,
        namespace: name,
      });
      await this.#waitUntilGone(api, name, ctx.signal);
    }
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
    });
    return { cluster, rendered, api: await this.#api(cluster) };
  }

  // --- apply ---------------------------------------------------------------------

  /**
   * Refuses namespaces someone else owns (destroy would delete them later):
   * not Greenroom's, another environment's, or another installation's. A
   * namespace without an installation label (made before there were any) is
   * this installation's only when it carries this very environment's id.
   *
   * @returns `legacy` for such a namespace, which is then adopted.
   */
  #checkOwnership(
    namespace: KubeObject,
    environment: Environment,
  ): 'owned' | 'legacy' {
    const labels = namespace.metadata.labels ?? {};
    const name = namespace.metadata.name;
    if (
      labels[MANAGED_BY_LABEL] !== MANAGED_BY_VALUE ||
      labels[ENVIRONMENT_LABEL] !== environment.name
    ) {
      throw new RuntimeError(
        `Namespace ${name} exists and is not managed by Greenroom for environment ${environment.name}; choose another environment name or namespacePrefix`,
        { transient: false, code: 'NamespaceNotOwned' },
      );
    }
    const installation = labels[INSTALLATION_LABEL];
    if (installation === this.#installationId) return 'owned';
    if (installation !== undefined) {
      throw new RuntimeError(
        `Namespace ${name} belongs to another Greenroom installation (${INSTALLATION_LABEL}=${installation}, this one is ${
          this.#installationId
        }); choose another environment name or namespacePrefix`,
        { transient: false, code: 'NamespaceNotOwned' },
      );
    }
    if (labels[ENVIRONMENT_ID_LABEL] !== environment.id) {
      throw new RuntimeError(
        `Namespace ${name} has no ${INSTALLATION_LABEL} label and belongs to another environment id, perhaps of another Greenroom installation; delete it, or label it ${INSTALLATION_LABEL}=${
          this.#installationId
        } to let this installation adopt it`,
        { transient: false, code: 'NamespaceNotOwned' },
      );
    }
    return 'legacy';
  }

  /**
   * Checks the environment's namespace, if any, before workloads in it are
   * touched, and adopts one from before installation labels.
   */
  async #checkNamespace(
    api: ClusterApi,
    rendered: RenderedEnvironment,
    environment: Environment,
    signal: AbortSignal,
  ): Promise<void> {
    const current = await api.read(refOf(rendered.namespace), { signal });
    if (!current) return;
    if (this.#checkOwnership(current, environment) === 'legacy') {
      await this.#adoptLegacy(api, current, environment, signal);
    }
  }

  /**
   * A namespace of this environment made before installation labels: its
   * objects carrying the environment's labels and id get this installation's
   * label, then the namespace (last, so an interrupted adoption is resumed).
   */
  async #adoptLegacy(
    api: ClusterApi,
    namespace: KubeObject,
    environment: Environment,
    signal: AbortSignal,
  ): Promise<void> {
    const name = namespace.metadata.name;
    const selector = [
      MANAGED_SELECTOR,
      `${ENVIRONMENT_LABEL}=${environment.name}`,
      `${ENVIRONMENT_ID_LABEL}=${environment.id}`,
      `!${INSTALLATION_LABEL}`,
    ].join(',');
    const lists = await Promise.all(
      OWNED_KINDS.map(kind =>
        api.list(KINDS[kind], kind, name, selector, { signal }),
      ),
    );
    const label = {
      metadata: { labels: { [INSTALLATION_LABEL]: this.#installationId } },
    };
    await mapWithConcurrency(lists.flat(), this.#options.concurrency, object =>
      api.mergePatch(refOf(object), label, { signal }),
    );
    await api.mergePatch(refOf(namespace), label, { signal });
    this.#logger.info(
      'Adopted a namespace made before installation labels: labelled it and its objects',
      {
        environment: environment.name,
        namespace: name,
        installation: this.#installationId,
        objects: lists.flat().length,
      },
    );
  }

  /**
   * A new environment reusing the name has another id: never its namespace;
   * nor another installation's.
   */
  #isOrphan(namespace: KubeObject, ref: ManagedEnvironmentRef): boolean {
    const labels = namespace.metadata.labels ?? {};
    return (
      labels[MANAGED_BY_LABEL] === MANAGED_BY_VALUE &&
      labels[INSTALLATION_LABEL] === this.#installationId &&
      labels[ENVIRONMENT_LABEL] === ref.environmentName &&
      (ref.environmentId === undefined ||
        labels[ENVIRONMENT_ID_LABEL] === ref.environmentId)
    );
  }

  async #ensureNamespace(
    api: ClusterApi,
    rendered: RenderedEnvironment,
    environment: Environment,
    signal: AbortSignal,
  ): Promise<void> {
    const ref = refOf(rendered.namespace);
    const current = await api.read(ref, { signal });
    if (current) {
      if (this.#checkOwnership(current, environment) === 'legacy') {
        await this.#adoptLegacy(api, current, environment, signal);
      }
      if ((current as any).status?.phase === 'Terminating') {
        // A destroyed environment of the same name is still going away.
        await this.#waitUntilGone(api, ref.name, signal);
      } else if (
        current.metadata.labels?.[ENVIRONMENT_ID_LABEL] !== environment.id
      ) {
        this.#logger.warn(
          'Adopting the namespace of an earlier environment of the same name',
          { environment: environment.name, namespace: ref.name },
        );
      }
    }
    await api.apply(rendered.namespace, { signal });
  }

  async #applyObject(
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

  async #listOwned(
    api: ClusterApi,
    namespace: string,
    environment: Environment,
    signal?: AbortSignal,
  ): Promise<KubeObject[]> {
    const selector = environmentSelector(
      environment.name,
      this.#installationId,
    );
    // All listings must succeed before anything is deleted.
    const lists = await Promise.all(
      OWNED_KINDS.map(kind =>
        api.list(KINDS[kind], kind, namespace, selector, { signal }),
      ),
    );
    return lists.flat();
  }

  /** Owned objects that are no longer rendered (claims of removed databases). */
  #stale(rendered: RenderedEnvironment, current: KubeObject[]): KubeObject[] {
    const wanted = new Set(rendered.objects.map(o => objectKey(o.object)));
    const databases = new Set(
      rendered.services
        .filter(s => s.workload?.kind === 'StatefulSet')
        .map(s => s.name),
    );
    return current.filter(object =>
      object.kind === 'PersistentVolumeClaim'
        ? !databases.has(object.metadata.labels?.[SERVICE_LABEL] ?? '')
        : !wanted.has(objectKey(object)),
    );
  }

  async #prune(
    api: ClusterApi,
    rendered: RenderedEnvironment,
    environment: Environment,
    signal: AbortSignal,
  ): Promise<string[]> {
    const namespace = rendered.namespace.metadata.name;
    const current = await this.#listOwned(api, namespace, environment, signal);
    const stale = this.#stale(rendered, current);
    await mapWithConcurrency(stale, this.#options.concurrency, object =>
      api.delete(refOf(object), { signal }),
    );
    return stale.map(objectKey);
  }

  // --- waiting ---------------------------------------------------------------------

  async #waitForRollout(
    api: ClusterApi,
    rendered: RenderedEnvironment,
    signal: AbortSignal,
  ): Promise<void> {
    const deadline = Date.now() + this.#options.rolloutTimeoutMs;
    const namespace = rendered.namespace.metadata.name;
    const selector = rendered.namespace.metadata.labels![ENVIRONMENT_LABEL];
    const waitingFor = rendered.services.filter(
      s => s.workload && s.workload.kind !== 'Job',
    );
    for (;;) {
      const workloads = await this.#listByKey(
        api,
        namespace,
        selector,
        SCALABLE_KINDS,
        signal,
      );
      const pending = waitingFor.filter(s => {
        const workload = workloads.get(
          `${s.workload!.kind}/${s.workload!.name}`,
        );
        return !workload || !isRolledOut(workload);
      });
      if (pending.length === 0) return;

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
            this.#options.rolloutTimeoutMs,
          )}: ${summary}${
            pending.length > 10 ? `, and ${pending.length - 10} more` : ''
          }`,
          { transient: false, code: 'RolloutTimeout' },
        );
      }
      await delay(this.#options.pollIntervalMs, signal);
    }
  }

  async #waitUntilGone(
    api: ClusterApi,
    namespace: string,
    signal: AbortSignal,
  ): Promise<void> {
    const deadline = Date.now() + this.#options.destroyTimeoutMs;
    while (
      await api.read(
        { apiVersion: 'v1', kind: 'Namespace', name: namespace },
        { signal },
      )
    ) {
      if (Date.now() >= deadline) {
        throw new RuntimeError(
          `Namespace ${namespace} is still terminating after ${formatMs(
            this.#options.destroyTimeoutMs,
          )}; check its remaining objects and finalizers`,
          { transient: false, code: 'DestroyTimeout' },
        );
      }
      await delay(this.#options.pollIntervalMs, signal);
    }
  }

  // --- stop and start --------------------------------------------------------------

  async #listWorkloads(
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

  /**
   * Read-modify-write with the resource version as precondition; a conflict
   * (someone changed it meanwhile) reads again and retries.
   */
  async #updateWorkload(
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

  #scaleDown(api: ClusterApi, workload: Workload, signal: AbortSignal) {
    return this.#updateWorkload(api, workload, signal, scaleDownPatch);
  }

  #scaleUp(
    api: ClusterApi,
    workload: Workload,
    service: RenderedService | undefined,
    signal: AbortSignal,
  ) {
    return this.#updateWorkload(api, workload, signal, current =>
      scaleUpPatch(current, service?.replicas),
    );
  }

  // --- observing -------------------------------------------------------------------

  async #listByKey(
    api: ClusterApi,
    namespace: string,
    environmentName: string,
    kinds: Kind[],
    signal?: AbortSignal,
  ): Promise<Map<string, Workload>> {
    const selector = environmentSelector(environmentName, this.#installationId);
    const lists = await Promise.all(
      kinds.map(kind =>
        api.list(KINDS[kind], kind, namespace, selector, { signal }),
      ),
    );
    return new Map(lists.flat().map(o => [objectKey(o), o as Workload]));
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
      `${INSTALLATION_LABEL}=${
        this.#installationId
      },${ENVIRONMENT_LABEL}=${environmentName},${SERVICE_LABEL}`,
      { signal },
    );
    const byService = new Map<string, Workload[]>();
    for (const pod of pods) {
      const service = pod.metadata.labels![SERVICE_LABEL];
      byService.set(service, [...(byService.get(service) ?? []), pod]);
    }
    return byService;
  }

  async #observeWith(
    api: ClusterApi,
    rendered: RenderedEnvironment,
  ): Promise<ObservedState> {
    const namespace = rendered.namespace.metadata.name;
    const environmentName =
      rendered.namespace.metadata.labels![ENVIRONMENT_LABEL];
    const [workloads, pods] = await Promise.all([
      this.#listByKey(api, namespace, environmentName, [
        ...SCALABLE_KINDS,
        'Job',
      ]),
      this.#podsByService(api, namespace, environmentName),
    ]);
    return {
      observedAt: new Date().toISOString(),
      services: rendered.services.map(service =>
        observeService(
          service,
          service.workload &&
            workloads.get(`${service.workload.kind}/${service.workload.name}`),
          pods.get(service.name) ?? [],
        ),
      ),
    };
  }
}
