import {
  RuntimeError,
  isTransientError,
  retryWithBackoff,
  type RetryOptions,
} from '@greenroom/plugin-environments-node';
import { isJsonObject, type KubeObject } from '../render/types';
import { ClusterConfig, createKubeConfig } from './config';
import { KubeHttp } from './KubeHttp';
import { resourcePath } from './resourcePaths';

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

/**
 * One cluster, reached with plain JSON requests on one keep-alive connection
 * pool ({@link KubeHttp}); credentials come from @kubernetes/client-node's
 * KubeConfig. Every call retries transient failures (429, 5xx, dropped
 * connections) with backoff, and fails with a {@link RuntimeError} that names
 * the object and says whether trying again may help. Object bodies never
 * appear in errors.
 */
export class ClusterApi {
  readonly name: string;
  readonly #http: KubeHttp;
  readonly #retry: RetryOptions;

  private constructor(name: string, http: KubeHttp, retry: RetryOptions) {
    this.name = name;
    this.#http = http;
    this.#retry = retry;
  }

  static async create(
    cluster: ClusterConfig,
    retry: RetryOptions = {},
  ): Promise<ClusterApi> {
    const kc = await createKubeConfig(cluster);
    return new ClusterApi(cluster.name, new KubeHttp(kc), retry);
  }

  /** The object, or undefined when it does not exist. */
  async read(ref: ObjectRef, options: CallOptions = {}) {
    return this.#call('read', ref, options, async () => {
      try {
        return (await this.#http.request({
          method: 'GET',
          path: resourcePath(ref),
          signal: options.signal,
        })) as KubeObject;
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
      const list = (await this.#http.request({
        method: 'GET',
        path: `${resourcePath({
          apiVersion,
          kind,
          namespace,
        })}?labelSelector=${encodeURIComponent(labelSelector)}`,
        signal: options.signal,
      })) as { items?: KubeObject[] };
      // The API server leaves kind and apiVersion out of a list's items.
      return (list.items ?? []).map(item => ({ ...item, apiVersion, kind }));
    });
  }

  /**
   * Server-side apply with our field manager, forcing ownership of the fields
   * we set: creates the object or converges it, never duplicates it.
   */
  async apply(object: KubeObject, options: CallOptions = {}) {
    const ref = refOf(object);
    return this.#call(
      'apply',
      ref,
      options,
      async () =>
        (await this.#http.request({
          method: 'PATCH',
          path: `${resourcePath(ref)}?fieldManager=${FIELD_MANAGER}&force=true`,
          // JSON is YAML: the API server takes it as an apply patch.
          contentType: 'application/apply-patch+yaml',
          body: object,
          signal: options.signal,
        })) as KubeObject,
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
    return this.#call(
      'patch',
      ref,
      options,
      async () =>
        (await this.#http.request({
          method: 'PATCH',
          path: `${resourcePath(ref)}?fieldManager=${FIELD_MANAGER}`,
          contentType: 'application/merge-patch+json',
          body: {
            ...patch,
            apiVersion: ref.apiVersion,
            kind: ref.kind,
            metadata: {
              ...(patch.metadata as object),
              name: ref.name,
              namespace: ref.namespace,
            },
          },
          signal: options.signal,
        })) as KubeObject,
    );
  }

  /** Deletes an object; false when it was already gone. */
  async delete(ref: ObjectRef, options: CallOptions = {}): Promise<boolean> {
    return this.#call('delete', ref, options, async () => {
      try {
        await this.#http.request({
          method: 'DELETE',
          path: resourcePath(ref),
          // Pods and claims go with their owners.
          body: {
            apiVersion: 'v1',
            kind: 'DeleteOptions',
            propagationPolicy: 'Background',
          },
          signal: options.signal,
        });
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
    const query = new URLSearchParams({ container });
    if (options.tailLines !== undefined) {
      query.set('tailLines', String(options.tailLines));
    }
    return this.#call(
      `read log of ${container} of`,
      ref,
      options,
      async () =>
        (await this.#http.request({
          method: 'GET',
          path: `${resourcePath(ref)}/log?${query}`,
          text: true,
          signal: options.signal,
        })) as string,
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
