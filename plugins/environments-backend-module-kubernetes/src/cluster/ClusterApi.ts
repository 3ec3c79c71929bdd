import {
  RuntimeError,
  isTransientError,
  retryWithBackoff,
  type RetryOptions,
} from '@greenroom/plugin-environments-node';
import type { CoreV1Api, KubernetesObjectApi } from '@kubernetes/client-node';
import { isJsonObject, type KubeObject } from '../render/types';
import { ClusterConfig, createKubeConfig } from './config';
import { loadKubernetesClient } from './loadClient';

/** Who we are in `managedFields`: server-side apply tracks ownership by it. */
export const FIELD_MANAGER = 'greenroom';

export interface ObjectRef {
  apiVersion: string;
  kind: string;
  name: string;
  namespace?: string;
}

export interface CallOptions {
  signal?: AbortSignal;
}

/** The HTTP status of the client's ApiException (`code`), when the server answered. */
function statusOf(error: unknown): number | undefined {
  return isJsonObject(error) && typeof error.code === 'number'
    ? error.code
    : undefined;
}

/** The API server's own words, without the headers and body the client adds. */
function reasonOf(error: unknown): string {
  const fields = isJsonObject(error) ? error : {};
  const status = statusOf(error);
  if (status !== undefined) {
    const body =
      typeof fields.body === 'string' ? safeParse(fields.body) : fields.body;
    const { reason, message } = isJsonObject(body) ? body : {};
    return `${status}${reason ? ` ${reason}` : ''}${
      message ? `: ${message}` : ''
    }`;
  }
  return String(fields.message ?? error).split('\n')[0];
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Plain JSON, not the client's model classes, so objects compare and log simply. */
function plain<T>(value: unknown): T {
  return JSON.parse(JSON.stringify(value));
}

/**
 * One cluster, reached through @kubernetes/client-node's generic object API.
 * Every call retries transient failures (429, 5xx, dropped connections) with
 * backoff, and fails with a {@link RuntimeError} that names the object and
 * says whether trying again may help. Object bodies never appear in errors.
 */
export class ClusterApi {
  readonly name: string;
  readonly #api: KubernetesObjectApi;
  /** Pod logs only: the generic object API has no subresources. */
  readonly #core: CoreV1Api;
  readonly #retry: RetryOptions;

  private constructor(
    name: string,
    api: KubernetesObjectApi,
    core: CoreV1Api,
    retry: RetryOptions,
  ) {
    this.name = name;
    this.#api = api;
    this.#core = core;
    this.#retry = retry;
  }

  static async create(
    cluster: ClusterConfig,
    retry: RetryOptions = {},
  ): Promise<ClusterApi> {
    const k8s = await loadKubernetesClient();
    const kc = await createKubeConfig(cluster);
    return new ClusterApi(
      cluster.name,
      k8s.KubernetesObjectApi.makeApiClient(kc),
      kc.makeApiClient(k8s.CoreV1Api),
      retry,
    );
  }

  /** The object, or undefined when it does not exist. */
  async read(ref: ObjectRef, options: CallOptions = {}) {
    return this.#call('read', ref, options, async () => {
      try {
        return plain<KubeObject>(
          await this.#api.read({
            apiVersion: ref.apiVersion,
            kind: ref.kind,
            metadata: { name: ref.name, namespace: ref.namespace },
          }),
        );
      } catch (error) {
        if (statusOf(error) === 404) return undefined;
        throw error;
      }
    });
  }

  /** Every object of a kind (in a namespace, or all) matching a label selector. */
  async list(
    apiVersion: string,
    kind: string,
    namespace: string | undefined,
    labelSelector: string,
    options: CallOptions = {},
  ): Promise<KubeObject[]> {
    const ref = { apiVersion, kind, name: `(${labelSelector})`, namespace };
    return this.#call('list', ref, options, async () => {
      const list = await this.#api.list(
        apiVersion,
        kind,
        namespace,
        undefined,
        undefined,
        undefined,
        undefined,
        labelSelector,
      );
      return plain<KubeObject[]>(list.items).map(item => ({
        ...item,
        apiVersion,
        kind,
      }));
    });
  }

  /**
   * Server-side apply with our field manager, forcing ownership of the fields
   * we set: creates the object or converges it, never duplicates it.
   */
  async apply(object: KubeObject, options: CallOptions = {}) {
    return this.#call('apply', refOf(object), options, async () =>
      plain<KubeObject>(
        await this.#api.patch(
          structuredClone(object),
          undefined,
          undefined,
          FIELD_MANAGER,
          true,
          'application/apply-patch+yaml',
        ),
      ),
    );
  }

  /**
   * JSON merge patch. With `metadata.resourceVersion` in the patch it only
   * applies to that version (409 otherwise), for read-modify-write.
   */
  async mergePatch(
    ref: ObjectRef,
    patch: Record<string, unknown>,
    options: CallOptions = {},
  ) {
    return this.#call('patch', ref, options, async () =>
      plain<KubeObject>(
        await this.#api.patch(
          {
            ...patch,
            apiVersion: ref.apiVersion,
            kind: ref.kind,
            metadata: {
              ...(patch.metadata as object),
              name: ref.name,
              namespace: ref.namespace,
            },
          },
          undefined,
          undefined,
          FIELD_MANAGER,
          undefined,
          'application/merge-patch+json',
        ),
      ),
    );
  }

  /** Deletes an object; false when it was already gone. */
  async delete(ref: ObjectRef, options: CallOptions = {}): Promise<boolean> {
    return this.#call('delete', ref, options, async () => {
      try {
        await this.#api.delete(
          {
            apiVersion: ref.apiVersion,
            kind: ref.kind,
            metadata: { name: ref.name, namespace: ref.namespace },
          },
          undefined,
          undefined,
          undefined,
          undefined,
          // Pods and claims go with their owners.
          'Background',
        );
        return true;
      } catch (error) {
        if (statusOf(error) === 404) return false;
        throw error;
      }
    });
  }

  /** The log of one container of a pod (its last `tailLines` lines when given). */
  async podLog(
    namespace: string,
    pod: string,
    container: string,
    options: CallOptions & { tailLines?: number } = {},
  ): Promise<string> {
    const ref = { apiVersion: 'v1', kind: 'Pod', name: pod, namespace };
    return this.#call(`read log of ${container} of`, ref, options, () =>
      this.#core.readNamespacedPodLog({
        name: pod,
        namespace,
        container,
        tailLines: options.tailLines,
      }),
    );
  }

  async #call<T>(
    verb: string,
    ref: ObjectRef,
    options: CallOptions,
    fn: () => Promise<T>,
  ): Promise<T> {
    try {
      return await retryWithBackoff(fn, {
        ...this.#retry,
        signal: options.signal,
      });
    } catch (error) {
      if (options.signal?.aborted) throw error;
      const where = ref.namespace ? ` in ${ref.namespace}` : '';
      throw new RuntimeError(
        `Kubernetes cluster '${this.name}': ${verb} ${ref.kind}/${
          ref.name
        }${where} failed: ${reasonOf(error)}`,
        {
          transient: isTransientError(error),
          code:
            statusOf(error) !== undefined ? String(statusOf(error)) : undefined,
          cause: error,
        },
      );
    }
  }
}

export function refOf(object: KubeObject): ObjectRef {
  return {
    apiVersion: object.apiVersion,
    kind: object.kind,
    name: object.metadata.name,
    namespace: object.metadata.namespace,
  };
}

/** True for a RuntimeError (or client error) that is a 409 conflict. */
export function isConflict(error: unknown): boolean {
  return (
    (error instanceof RuntimeError && error.code === '409') ||
    statusOf(error) === 409
  );
}
