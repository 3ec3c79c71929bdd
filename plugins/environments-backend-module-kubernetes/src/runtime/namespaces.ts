import {
  RuntimeError,
  delay,
  type ManagedEnvironmentRef,
} from '@greenroom/plugin-environments-node';
import type { V1NamespaceStatus } from '@kubernetes/client-node';
import { ClusterApi, refOf } from '../cluster/ClusterApi';
import {
  ENVIRONMENT_ID_LABEL,
  ENVIRONMENT_LABEL,
  INSTALLATION_LABEL,
  MANAGED_BY_LABEL,
  MANAGED_BY_VALUE,
  MANAGED_SELECTOR,
  isJsonObject,
  type KubeObject,
  type RenderedEnvironment,
} from '../render';
import { mapWithConcurrency } from '@greenroom/plugin-environments-node';
import { KINDS, OWNED_KINDS } from './kinds';
import { Environment, RuntimeScope, formatMs } from './scope';

/** The namespace's lifecycle phase as the API server reports it: `Active` or `Terminating`. */
function phaseOf(namespace: KubeObject): V1NamespaceStatus['phase'] {
  const { status } = namespace;
  return isJsonObject(status) && typeof status.phase === 'string'
    ? status.phase
    : undefined;
}

/** Deleted, and going away with everything in it. */
export function isTerminating(namespace: KubeObject): boolean {
  return phaseOf(namespace) === 'Terminating';
}

/**
 * An environment's namespace: whose it is (never another environment's or
 * installation's), adopting one from before installation labels, creating
 * it, and waiting until a deleted one is gone.
 */
export class Namespaces {
  constructor(private readonly scope: RuntimeScope) {}

  /**
   * Refuses namespaces someone else owns (destroy would delete them later):
   * not Greenroom's, another environment's, or another installation's. A
   * namespace without an installation label (made before there were any) is
   * this installation's only when it carries this very environment's id.
   *
   * @returns `legacy` for such a namespace, which is then adopted.
   */
  checkOwnership(
    namespace: KubeObject,
    environment: Environment,
  ): 'owned' | 'legacy' {
    const { installationId } = this.scope;
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
    if (installation === installationId) return 'owned';
    if (installation !== undefined) {
      throw new RuntimeError(
        `Namespace ${name} belongs to another Greenroom installation (${INSTALLATION_LABEL}=${installation}, this one is ${installationId}); choose another environment name or namespacePrefix`,
        { transient: false, code: 'NamespaceNotOwned' },
      );
    }
    if (labels[ENVIRONMENT_ID_LABEL] !== environment.id) {
      throw new RuntimeError(
        `Namespace ${name} has no ${INSTALLATION_LABEL} label and belongs to another environment id, perhaps of another Greenroom installation; delete it, or label it ${INSTALLATION_LABEL}=${installationId} to let this installation adopt it`,
        { transient: false, code: 'NamespaceNotOwned' },
      );
    }
    return 'legacy';
  }

  /**
   * Checks the environment's namespace, if any, before workloads in it are
   * touched, and adopts one from before installation labels.
   */
  async check(
    api: ClusterApi,
    rendered: RenderedEnvironment,
    environment: Environment,
    signal: AbortSignal,
  ): Promise<void> {
    const current = await api.read(refOf(rendered.namespace), { signal });
    if (!current) return;
    if (this.checkOwnership(current, environment) === 'legacy') {
      await this.#adoptLegacy(api, current, environment, signal);
    }
  }

  /**
   * Creates or updates the namespace, once it is known to be this
   * environment's; the namespace as the API server then has it.
   */
  async ensure(
    api: ClusterApi,
    rendered: RenderedEnvironment,
    environment: Environment,
    signal: AbortSignal,
  ): Promise<KubeObject> {
    const ref = refOf(rendered.namespace);
    const current = await api.read(ref, { signal });
    if (current) {
      if (this.checkOwnership(current, environment) === 'legacy') {
        await this.#adoptLegacy(api, current, environment, signal);
      }
      if (isTerminating(current)) {
        // A destroyed environment of the same name is still going away.
        await this.waitUntilGone(api, ref.name, signal);
      } else if (
        current.metadata.labels?.[ENVIRONMENT_ID_LABEL] !== environment.id
      ) {
        this.scope.logger.warn(
          'Adopting the namespace of an earlier environment of the same name',
          { environment: environment.name, namespace: ref.name },
        );
      }
    }
    return api.apply(rendered.namespace, { signal });
  }

  /**
   * A new environment reusing the name has another id: never its namespace;
   * nor another installation's.
   */
  isOrphan(namespace: KubeObject, ref: ManagedEnvironmentRef): boolean {
    const labels = namespace.metadata.labels ?? {};
    return (
      labels[MANAGED_BY_LABEL] === MANAGED_BY_VALUE &&
      labels[INSTALLATION_LABEL] === this.scope.installationId &&
      labels[ENVIRONMENT_LABEL] === ref.environmentName &&
      (ref.environmentId === undefined ||
        labels[ENVIRONMENT_ID_LABEL] === ref.environmentId)
    );
  }

  /** Deletes the namespace (unless it is going away already) and waits until it is gone. */
  async delete(
    api: ClusterApi,
    namespace: KubeObject,
    signal: AbortSignal,
  ): Promise<void> {
    if (!isTerminating(namespace)) {
      await api.delete(refOf(namespace), { signal });
    }
    await this.waitUntilGone(api, namespace.metadata.name, signal);
  }

  async waitUntilGone(
    api: ClusterApi,
    namespace: string,
    signal: AbortSignal,
  ): Promise<void> {
    const { destroyTimeoutMs, pollIntervalMs } = this.scope.options;
    const deadline = Date.now() + destroyTimeoutMs;
    while (
      await api.read(
        { apiVersion: 'v1', kind: 'Namespace', name: namespace },
        { signal },
      )
    ) {
      if (Date.now() >= deadline) {
        throw new RuntimeError(
          `Namespace ${namespace} is still terminating after ${formatMs(
            destroyTimeoutMs,
          )}; check its remaining objects and finalizers`,
          { transient: false, code: 'DestroyTimeout' },
        );
      }
      await delay(pollIntervalMs, signal);
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
    const { installationId } = this.scope;
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
      metadata: { labels: { [INSTALLATION_LABEL]: installationId } },
    };
    await mapWithConcurrency(
      lists.flat(),
      this.scope.options.concurrency,
      object => api.mergePatch(refOf(object), label, { signal }),
    );
    await api.mergePatch(refOf(namespace), label, { signal });
    this.scope.logger.info(
      'Adopted a namespace made before installation labels: labelled it and its objects',
      {
        environment: environment.name,
        namespace: name,
        installation: installationId,
        objects: lists.flat().length,
      },
    );
  }
}
