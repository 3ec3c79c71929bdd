// Long on purpose: one in-memory API server whose verbs, storage and rollout
// controller share its objects and resource versions; fault injection, the
// HTTP error vocabulary and pod statuses live in the double* files beside it.
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import {
  RESOURCE_TYPES,
  ResourceType,
  apiVersionOf,
  clone,
  discovery,
  matchesSelector,
  mergePatch,
  parseLabelSelector,
} from './doubleResources';
import { DoubleObjects } from './doubleObjects';
import { DoubleFaults, FaultInjector } from './doubleFaults';
import {
  HttpError,
  conflict,
  notFound,
  notFoundObject,
  parseBody,
  readBody,
  statusBody,
} from './doubleHttp';
import { PodFailureReason, podStatus } from './doublePods';

export type { DoubleFaults } from './doubleFaults';
export type { PodFailureReason } from './doublePods';

export interface DoubleOptions {
  token?: string;
  faults?: DoubleFaults;
  /** Time before a written Deployment or StatefulSet reports its rollout. */
  rolloutDelayMs?: number;
  /** Time a deleted namespace stays `Terminating` before it is gone. */
  namespaceDeletionDelayMs?: number;
  /**
   * Jobs stay active, their pod running, until a test calls `completeJob`
   * or `failJob`; otherwise every Job completes as soon as it is written.
   */
  holdJobs?: boolean;
}

type Obj = Record<string, any>;

const NAMESPACE = RESOURCE_TYPES.find(t => t.kind === 'Namespace')!;

const GREENROOM_ENV_ID = 'greenroom.dev/environment-id';
const GREENROOM_SERVICE = 'greenroom.dev/service';
const GREENROOM_DATA_LOAD = 'greenroom.dev/data-load';

/** A pod log, answered as text like the API server's `/log` subresource. */
class PlainText {
  constructor(readonly text: string) {}
}

/**
 * An HTTP-level double of the Kubernetes API server, served on 127.0.0.1, for
 * tests that drive the real @kubernetes/client-node. It keeps namespaces,
 * Deployments, StatefulSets, Services, ConfigMaps, Secrets, Pods, volume
 * claims, Ingresses and Jobs in memory, with resource versions, conflicts,
 * merge patches, server-side apply, `/scale`, namespace cascades, a tiny
 * controller that rolls workloads out (or fails their pods on request), and
 * fault injection.
 */
export class KubernetesApiDouble {
  readonly token: string;
  /** Every request, in order of arrival. */
  readonly requests: Array<{ method: string; path: string; query: string }> =
    [];
  /** Creations of a second object for one service or environment. */
  readonly duplicates: string[] = [];
  faults: DoubleFaults | undefined;
  rolloutDelayMs: number;
  namespaceDeletionDelayMs: number;
  holdJobs: boolean;

  readonly #objects = new DoubleObjects();
  readonly #podFailures = new Map<string, PodFailureReason>();
  /** Container logs by `namespace/pod/container`. */
  readonly #logs = new Map<string, string>();
  readonly #timers = new Set<ReturnType<typeof setTimeout>>();
  readonly #server: http.Server;
  #resourceVersion = 1;
  readonly #faultInjector = new FaultInjector();

  private constructor(options: DoubleOptions) {
    this.token = options.token ?? 'test-token';
    this.faults = options.faults;
    this.rolloutDelayMs = options.rolloutDelayMs ?? 0;
    this.namespaceDeletionDelayMs = options.namespaceDeletionDelayMs ?? 0;
    this.holdJobs = options.holdJobs ?? false;
    this.#server = http.createServer((req, res) => {
      this.#handle(req, res).catch(error => {
        if (!res.headersSent) {
          res.writeHead(500, { 'content-type': 'application/json' });
        }
        res.end(
          JSON.stringify(
            statusBody(500, 'InternalError', String(error?.message ?? error)),
          ),
        );
      });
    });
  }

  static async start(options: DoubleOptions = {}) {
    const double = new KubernetesApiDouble(options);
    await new Promise<void>(resolve =>
      double.#server.listen(0, '127.0.0.1', resolve),
    );
    return double;
  }

  /** Failures injected so far, by status (`drop` for dropped connections). */
  get injected(): Record<string, number> {
    return this.#faultInjector.injected;
  }

  get url(): string {
    const { port } = this.#server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  async stop(): Promise<void> {
    this.#timers.forEach(t => clearTimeout(t));
    this.#timers.clear();
    this.#server.closeAllConnections();
    await new Promise(resolve => this.#server.close(resolve));
  }

  /**
   * Copies of the stored objects, with `kind` and `apiVersion`, optionally
   * filtered: the inventory tests assert on.
   */
  objects(
    filter: { kind?: string; namespace?: string; labelSelector?: string } = {},
  ): Obj[] {
    const selector = parseLabelSelector(filter.labelSelector ?? null);
    return [...this.#objects.values()]
      .filter(
        o =>
          (!filter.kind || o.kind === filter.kind) &&
          (filter.namespace === undefined ||
            o.metadata.namespace === filter.namespace) &&
          matchesSelector(o.metadata.labels, selector),
      )
      .map(o => clone(o));
  }

  /** One stored object, or undefined. */
  get(kind: string, namespace: string | undefined, name: string) {
    const type = RESOURCE_TYPES.find(t => t.kind === kind)!;
    const found = this.#objects.get(keyOf(type, namespace, name));
    return found && clone(found);
  }

  /**
   * Makes the pods of a service fail with `reason` (now and on every later
   * rollout), until {@link KubernetesApiDouble.healPods}.
   */
  failPods(namespace: string, service: string, reason: PodFailureReason) {
    this.#podFailures.set(`${namespace}/${service}`, reason);
    this.#reconcileService(namespace, service);
  }

  healPods(namespace: string, service: string) {
    this.#podFailures.delete(`${namespace}/${service}`);
    this.#reconcileService(namespace, service);
  }

  /** The pod of a Job, once the Job exists. */
  jobPod(namespace: string, job: string): Obj | undefined {
    const pod = this.#podOfJob(namespace, job);
    return pod && clone(pod);
  }

  /** Appends lines to the log of a container of a Job's pod. */
  writeJobLog(namespace: string, job: string, container: string, text: string) {
    const pod = this.#podOfJob(namespace, job);
    if (!pod) throw new Error(`Job ${namespace}/${job} has no pod`);
    const key = `${namespace}/${pod.metadata.name}/${container}`;
    this.#logs.set(key, `${this.#logs.get(key) ?? ''}${text}\n`);
  }

  /** Every container of the Job's pod exited 0; the Job is `Complete`. */
  completeJob(namespace: string, job: string) {
    this.#finishJob(namespace, job, undefined);
  }

  /**
   * `container` of the Job's pod exited with `exitCode` (the others with 0);
   * the Job is `Failed` for `reason`.
   */
  failJob(
    namespace: string,
    job: string,
    failure: {
      container: string;
      exitCode?: number;
      reason?: 'BackoffLimitExceeded' | 'DeadlineExceeded';
    },
  ) {
    this.#finishJob(namespace, job, failure);
  }

  // --- HTTP ------------------------------------------------------------------

  async #handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://double');
    const method = req.method ?? 'GET';
    this.requests.push({ method, path: url.pathname, query: url.search });
    const body = await readBody(req);
    const send = (status: number, payload: unknown) => {
      if (payload instanceof PlainText) {
        res.writeHead(status, { 'content-type': 'text/plain' });
        res.end(payload.text);
        return;
      }
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(payload));
    };

    if (req.headers.authorization !== `Bearer ${this.token}`) {
      send(401, statusBody(401, 'Unauthorized', 'Unauthorized'));
      return;
    }
    const faults = this.faults;
    if (faults?.latencyMs) {
      await new Promise(resolve => setTimeout(resolve, faults.latencyMs));
    }
    // Decided before any state changes: a failed request did nothing.
    const fault = this.#faultInjector.pick(this.faults, method, url.pathname);
    if (fault === 'drop') {
      req.socket.destroy();
      return;
    }
    if (fault !== undefined) {
      res.setHeader('retry-after', '0');
      send(
        fault,
        statusBody(
          fault,
          fault === 429 ? 'TooManyRequests' : 'InternalError',
          `injected failure ${fault}`,
        ),
      );
      return;
    }

    try {
      const [status, payload] = this.#route(
        method,
        url,
        String(req.headers['content-type'] ?? ''),
        body,
      );
      send(status, payload);
    } catch (error) {
      if (error instanceof HttpError) {
        send(
          error.status,
          statusBody(error.status, error.reason, error.message),
        );
        return;
      }
      throw error;
    }
  }

  /**
   * Answers one request. The payload is serialised as soon as this returns,
   * so stored objects are answered as they are, without a copy.
   */
  #route(
    method: string,
    url: URL,
    contentType: string,
    body: string,
  ): [number, unknown] {
    const path = url.pathname.replace(/\/+$/, '');
    if (path === '/version') {
      return [200, { major: '1', minor: '31', gitVersion: 'v1.31.0-double' }];
    }
    const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
    let groupVersion: string;
    let rest: string[];
    if (parts[0] === 'api' && parts[1] === 'v1') {
      groupVersion = 'v1';
      rest = parts.slice(2);
    } else if (parts[0] === 'apis' && parts.length >= 3) {
      groupVersion = `${parts[1]}/${parts[2]}`;
      rest = parts.slice(3);
    } else {
      throw notFound(`the server could not find the requested resource`);
    }
    if (rest.length === 0 && method === 'GET') {
      const doc = discovery(groupVersion);
      if (!doc) throw notFound(`the server could not find ${groupVersion}`);
      return [200, doc];
    }

    let namespace: string | undefined;
    if (
      rest[0] === 'namespaces' &&
      rest.length >= 3 &&
      !(groupVersion === 'v1' && rest.length === 3 && rest[2] === 'status')
    ) {
      namespace = rest[1];
      rest = rest.slice(2);
    }
    const [plural, name, subresource] = rest;
    const type = RESOURCE_TYPES.find(
      t => apiVersionOf(t) === groupVersion && t.plural === plural,
    );
    if (!type || (namespace !== undefined && !type.namespaced)) {
      throw notFound(`the server could not find the requested resource`);
    }
    const payload = body ? parseBody(body) : undefined;
    const query = url.searchParams;

    if (
      subresource === 'log' &&
      type.kind === 'Pod' &&
      namespace &&
      name &&
      method === 'GET'
    ) {
      return [200, this.#podLog(namespace, name, query)];
    }
    if (subresource === 'scale' && type.scalable && namespace && name) {
      return this.#scale(method, type, namespace, name, contentType, payload);
    }
    if (subresource) {
      throw notFound(`the server could not find the requested resource`);
    }
    if (!name) {
      if (method === 'GET') {
        return [200, this.#list(type, namespace, query.get('labelSelector'))];
      }
      if (method === 'POST') {
        return [201, this.#create(type, namespace, payload)];
      }
      throw new HttpError(405, 'MethodNotAllowed', `${method} not allowed`);
    }
    switch (method) {
      case 'GET':
        return [200, this.#require(type, namespace, name)];
      case 'PUT':
        return [200, this.#replace(type, namespace, name, payload)];
      case 'PATCH':
        return this.#patch(type, namespace, name, contentType, payload, query);
      case 'DELETE':
        return [200, this.#delete(type, namespace, name)];
      default:
        throw new HttpError(405, 'MethodNotAllowed', `${method} not allowed`);
    }
  }

  // --- verbs -----------------------------------------------------------------

  #list(
    type: ResourceType,
    namespace: string | undefined,
    selector: string | null,
  ) {
    const requirements = parseLabelSelector(selector);
    const items = (
      namespace === undefined
        ? [...this.#objects.values()]
        : this.#objects.inNamespace(namespace)
    )
      .filter(
        o =>
          o.kind === type.kind &&
          matchesSelector(o.metadata.labels, requirements),
      )
      .sort((a, b) => keyOfObject(a).localeCompare(keyOfObject(b)))
      .map(o => {
        // Like the API server, list items carry no kind or apiVersion.
        const { kind: _k, apiVersion: _a, ...item } = o;
        return item;
      });
    return {
      kind: `${type.kind}List`,
      apiVersion: apiVersionOf(type),
      metadata: { resourceVersion: String(this.#resourceVersion) },
      items,
    };
  }

  /** A container's log; like the API server, 400 while it has not started. */
  #podLog(namespace: string, name: string, query: URLSearchParams) {
    const pod = this.#require(
      RESOURCE_TYPES.find(t => t.kind === 'Pod')!,
      namespace,
      name,
    );
    const containers: Obj[] = pod.spec?.containers ?? [];
    const container = query.get('container') ?? containers[0]?.name;
    const status = (pod.status?.containerStatuses ?? []).find(
      (c: Obj) => c.name === container,
    );
    if (!status) {
      throw new HttpError(
        400,
        'BadRequest',
        `container ${container} is not valid for pod ${name}`,
      );
    }
    if (status.state?.waiting) {
      throw new HttpError(
        400,
        'BadRequest',
        `container "${container}" in pod "${name}" is waiting to start: ${status.state.waiting.reason}`,
      );
    }
    const lines = (
      this.#logs.get(`${namespace}/${name}/${container}`) ?? ''
    ).split(/(?<=\n)/);
    const tail = Number(query.get('tailLines') ?? 0);
    return new PlainText((tail > 0 ? lines.slice(-tail) : lines).join(''));
  }

  #create(
    type: ResourceType,
    namespace: string | undefined,
    payload: Obj | undefined,
  ) {
    const name = payload?.metadata?.name;
    if (!payload || typeof name !== 'string' || !name) {
      throw new HttpError(
        422,
        'Invalid',
        `${type.kind}: metadata.name: Required value`,
      );
    }
    this.#checkNamespace(type, namespace);
    const key = keyOf(type, namespace, name);
    if (this.#objects.has(key)) {
      throw new HttpError(
        409,
        'AlreadyExists',
        `${type.plural} "${name}" already exists`,
      );
    }
    // The payload was parsed from this request's body: nobody else holds it.
    const object = this.#store(type, namespace, {
      ...payload,
      metadata: {
        ...payload.metadata,
        name,
        uid: randomUUID(),
        creationTimestamp: new Date().toISOString(),
      },
    });
    this.#noteDuplicates(object);
    return object;
  }

  #replace(
    type: ResourceType,
    namespace: string | undefined,
    name: string,
    payload: Obj | undefined,
  ) {
    const current = this.#require(type, namespace, name);
    if (!payload) throw new HttpError(400, 'BadRequest', 'empty body');
    const expected = payload.metadata?.resourceVersion;
    if (
      expected !== undefined &&
      expected !== current.metadata.resourceVersion
    ) {
      throw conflict(type, name);
    }
    return clone(
      this.#update(type, current, {
        ...clone(payload),
        metadata: { ...clone(payload.metadata), name },
        status: current.status,
      }),
    );
  }

  #patch(
    type: ResourceType,
    namespace: string | undefined,
    name: string,
    contentType: string,
    payload: Obj | undefined,
    query: URLSearchParams,
  ): [number, unknown] {
    if (!payload) throw new HttpError(400, 'BadRequest', 'empty patch');
    const current = this.#objects.get(keyOf(type, namespace, name));
    if (contentType.startsWith('application/apply-patch+yaml')) {
      if (!query.get('fieldManager')) {
        throw new HttpError(
          400,
          'BadRequest',
          'PATCH, with apply, requires a fieldManager',
        );
      }
      if (payload.metadata?.name !== name) {
        throw new HttpError(
          400,
          'BadRequest',
          'the name of the object does not match the URL',
        );
      }
      if (!current) {
        return [201, this.#create(type, namespace, payload)];
      }
      // Server-side apply, simplified: labels and annotations merge with what
      // others set; everything else we send replaces what is there.
      const { metadata, status: _ignored, ...fields } = payload;
      const next: Obj = {
        ...current,
        ...fields,
        metadata: {
          ...current.metadata,
          labels: { ...current.metadata.labels, ...metadata?.labels },
          annotations: {
            ...current.metadata.annotations,
            ...metadata?.annotations,
          },
        },
      };
      if (Object.keys(next.metadata.annotations).length === 0) {
        delete next.metadata.annotations;
      }
      return [200, this.#update(type, current, next)];
    }
    if (
      contentType.startsWith('application/merge-patch+json') ||
      contentType.startsWith('application/strategic-merge-patch+json')
    ) {
      if (!current) throw notFoundObject(type, name);
      const expected = payload.metadata?.resourceVersion;
      if (
        expected !== undefined &&
        expected !== current.metadata.resourceVersion
      ) {
        throw conflict(type, name);
      }
      const next = mergePatch(current, payload) as Obj;
      next.metadata = {
        ...next.metadata,
        name,
        uid: current.metadata.uid,
        creationTimestamp: current.metadata.creationTimestamp,
      };
      return [200, this.#update(type, current, next)];
    }
    throw new HttpError(
      415,
      'UnsupportedMediaType',
      `the double does not support patches of type ${contentType}`,
    );
  }

  #delete(type: ResourceType, namespace: string | undefined, name: string) {
    const current = this.#require(type, namespace, name);
    if (type.kind === 'Namespace') {
      if (current.status?.phase !== 'Terminating') {
        current.status = { phase: 'Terminating' };
        current.metadata.deletionTimestamp = new Date().toISOString();
        current.metadata.resourceVersion = String(++this.#resourceVersion);
        this.#later(this.namespaceDeletionDelayMs, () =>
          this.#purgeNamespace(name),
        );
      }
      return clone(current);
    }
    this.#remove(current);
    return {
      kind: 'Status',
      apiVersion: 'v1',
      status: 'Success',
      details: { name, kind: type.plural, uid: current.metadata.uid },
    };
  }

  #scale(
    method: string,
    type: ResourceType,
    namespace: string,
    name: string,
    contentType: string,
    payload: Obj | undefined,
  ): [number, unknown] {
    const current = this.#require(type, namespace, name);
    if (method === 'PUT' || method === 'PATCH') {
      let replicas: unknown;
      if (method === 'PUT') {
        const expected = payload?.metadata?.resourceVersion;
        if (
          expected !== undefined &&
          expected !== current.metadata.resourceVersion
        ) {
          throw conflict(type, name);
        }
        replicas = payload?.spec?.replicas;
      } else {
        if (contentType.startsWith('application/json-patch+json')) {
          throw new HttpError(
            415,
            'UnsupportedMediaType',
            'json patch not supported',
          );
        }
        replicas = (
          mergePatch(
            { spec: { replicas: current.spec?.replicas } },
            payload,
          ) as Obj
        ).spec?.replicas;
      }
      if (typeof replicas !== 'number' || replicas < 0) {
        throw new HttpError(
          422,
          'Invalid',
          'spec.replicas: must be a non-negative number',
        );
      }
      const next = clone(current);
      next.spec.replicas = replicas;
      this.#update(type, current, next);
    } else if (method !== 'GET') {
      throw new HttpError(405, 'MethodNotAllowed', `${method} not allowed`);
    }
    const object = this.#objects.get(keyOf(type, namespace, name))!;
    return [
      200,
      {
        kind: 'Scale',
        apiVersion: 'autoscaling/v1',
        metadata: {
          name,
          namespace,
          uid: object.metadata.uid,
          resourceVersion: object.metadata.resourceVersion,
        },
        spec: { replicas: object.spec?.replicas ?? 1 },
        status: { replicas: object.status?.replicas ?? 0 },
      },
    ];
  }

  // --- storage ---------------------------------------------------------------

  #require(
    type: ResourceType,
    namespace: string | undefined,
    name: string,
  ): Obj {
    const found = this.#objects.get(keyOf(type, namespace, name));
    if (!found) throw notFoundObject(type, name);
    return found;
  }

  #checkNamespace(type: ResourceType, namespace: string | undefined) {
    if (!type.namespaced) return;
    if (!namespace) {
      throw new HttpError(400, 'BadRequest', 'a namespace is required');
    }
    const ns = this.#objects.get(keyOf(NAMESPACE, undefined, namespace));
    if (!ns) throw notFound(`namespaces "${namespace}" not found`);
    if (ns.status?.phase === 'Terminating') {
      throw new HttpError(
        403,
        'Forbidden',
        `unable to create new content in namespace ${namespace} because it is being terminated`,
      );
    }
  }

  /** Stores a new object with its server-set fields; starts its controller. */
  #store(type: ResourceType, namespace: string | undefined, object: Obj): Obj {
    const stored: Obj = {
      ...object,
      apiVersion: apiVersionOf(type),
      kind: type.kind,
      metadata: {
        ...object.metadata,
        ...(type.namespaced ? { namespace } : {}),
        resourceVersion: String(++this.#resourceVersion),
        ...(hasGeneration(type) ? { generation: 1 } : {}),
      },
    };
    delete stored.metadata.managedFields;
    normalize(type, stored);
    if (type.kind === 'Namespace') stored.status = { phase: 'Active' };
    this.#objects.set(keyOfObject(stored), stored);
    this.#afterWrite(type, stored);
    return stored;
  }

  /** Updates an object; a write that changes nothing keeps its version. */
  #update(type: ResourceType, current: Obj, next: Obj): Obj {
    const candidate: Obj = {
      ...next,
      apiVersion: apiVersionOf(type),
      kind: type.kind,
      metadata: {
        ...next.metadata,
        namespace: current.metadata.namespace,
        uid: current.metadata.uid,
        creationTimestamp: current.metadata.creationTimestamp,
        resourceVersion: current.metadata.resourceVersion,
        generation: current.metadata.generation,
      },
    };
    if (candidate.metadata.namespace === undefined) {
      delete candidate.metadata.namespace;
    }
    if (candidate.metadata.generation === undefined) {
      delete candidate.metadata.generation;
    }
    delete candidate.metadata.managedFields;
    normalize(type, candidate);
    if (JSON.stringify(candidate) === JSON.stringify(current)) {
      return current;
    }
    if (
      hasGeneration(type) &&
      JSON.stringify(candidate.spec) !== JSON.stringify(current.spec)
    ) {
      candidate.metadata.generation = (current.metadata.generation ?? 1) + 1;
    }
    candidate.metadata.resourceVersion = String(++this.#resourceVersion);
    this.#objects.set(keyOfObject(candidate), candidate);
    this.#afterWrite(type, candidate);
    return candidate;
  }

  #remove(object: Obj) {
    this.#objects.delete(keyOfObject(object));
    // Garbage collection of what the object owns (pods, claims by policy).
    const uid = object.metadata.uid;
    // Owners and what they own share a namespace.
    const namespace: string | undefined = object.metadata.namespace;
    for (const other of namespace === undefined
      ? [...this.#objects.values()]
      : this.#objects.inNamespace(namespace)) {
      if (other.metadata.ownerReferences?.some((r: Obj) => r.uid === uid)) {
        this.#remove(other);
      }
    }
    if (
      object.kind === 'StatefulSet' &&
      object.spec?.persistentVolumeClaimRetentionPolicy?.whenDeleted ===
        'Delete'
    ) {
      for (const claim of this.#claimsOf(object)) {
        this.#objects.delete(keyOfObject(claim));
      }
    }
  }

  #purgeNamespace(name: string) {
    for (const object of this.#objects.inNamespace(name)) {
      this.#objects.delete(keyOfObject(object));
    }
    this.#objects.delete(keyOf(NAMESPACE, undefined, name));
  }

  #noteDuplicates(object: Obj) {
    const labels = object.metadata.labels ?? {};
    const id = labels[GREENROOM_ENV_ID];
    // A data load's objects sit beside its database's on purpose.
    if (
      !id ||
      object.kind === 'Pod' ||
      object.kind === 'PersistentVolumeClaim' ||
      labels[GREENROOM_DATA_LOAD]
    ) {
      return;
    }
    const service = labels[GREENROOM_SERVICE];
    const twin = [...this.#objects.values()].find(
      o =>
        o !== object &&
        o.kind === object.kind &&
        o.metadata.labels?.[GREENROOM_ENV_ID] === id &&
        o.metadata.labels?.[GREENROOM_SERVICE] === service,
    );
    if (twin) {
      this.duplicates.push(
        `${object.kind} ${keyOfObject(object)} duplicates ${keyOfObject(twin)}`,
      );
    }
  }

  #later(ms: number, fn: () => void) {
    if (ms <= 0) {
      fn();
      return;
    }
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      fn();
    }, ms);
    this.#timers.add(timer);
  }

  // --- controller ------------------------------------------------------------

  #afterWrite(type: ResourceType, object: Obj) {
    if (['Deployment', 'StatefulSet', 'Job'].includes(type.kind)) {
      const key = keyOfObject(object);
      this.#later(this.rolloutDelayMs, () => this.#reconcile(key));
    }
  }

  #reconcileService(namespace: string, service: string) {
    for (const object of this.#objects.inNamespace(namespace)) {
      if (
        object.metadata.labels?.[GREENROOM_SERVICE] === service &&
        ['Deployment', 'StatefulSet', 'Job'].includes(object.kind)
      ) {
        this.#reconcile(keyOfObject(object));
      }
    }
  }

  /** Brings pods and status of a workload in line with its spec. */
  #reconcile(key: string) {
    const workload = this.#objects.get(key);
    if (!workload) return;
    const namespace = workload.metadata.namespace;
    const podLabels = workload.spec?.template?.metadata?.labels ?? {};
    const service = podLabels[GREENROOM_SERVICE] ?? workload.metadata.name;
    const failure = this.#podFailures.get(`${namespace}/${service}`);

    if (workload.kind === 'Job') {
      this.#runJob(workload, failure);
      return;
    }

    const replicas: number = workload.spec?.replicas ?? 1;
    const owner = {
      apiVersion: workload.apiVersion,
      kind: workload.kind,
      name: workload.metadata.name,
      uid: workload.metadata.uid,
      controller: true,
    };
    const podType = RESOURCE_TYPES.find(t => t.kind === 'Pod')!;
    const pods = this.#objects
      .inNamespace(namespace)
      .filter(
        o =>
          o.kind === 'Pod' &&
          o.metadata.ownerReferences?.[0]?.uid === workload.metadata.uid,
      );
    for (const pod of pods) {
      if (Number(pod.metadata.name.split('-').pop()) >= replicas) {
        this.#objects.delete(keyOfObject(pod));
      }
    }
    for (let i = 0; i < replicas; i++) {
      const podName = `${workload.metadata.name}-${i}`;
      const containers = workload.spec?.template?.spec?.containers ?? [];
      this.#objects.set(keyOf(podType, namespace, podName), {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          name: podName,
          namespace,
          uid: randomUUID(),
          labels: clone(podLabels),
          ownerReferences: [owner],
          resourceVersion: String(++this.#resourceVersion),
          creationTimestamp: new Date().toISOString(),
        },
        spec: clone(workload.spec?.template?.spec ?? {}),
        status: podStatus(containers, failure),
      });
      if (workload.kind === 'StatefulSet') {
        this.#ensureClaims(workload, i, podLabels);
      }
    }
    const ready = failure ? 0 : replicas;
    workload.status = {
      observedGeneration: workload.metadata.generation,
      replicas,
      updatedReplicas: replicas,
      ...(ready > 0 ? { readyReplicas: ready, availableReplicas: ready } : {}),
      ...(workload.kind === 'StatefulSet' ? { currentReplicas: replicas } : {}),
      conditions: [
        {
          type: 'Available',
          status: ready === replicas ? 'True' : 'False',
        },
      ],
    };
    workload.metadata.resourceVersion = String(++this.#resourceVersion);
  }

  /**
   * The Job controller, briefly: one pod labelled as the real one labels it;
   * the Job completes at once, fails for a pod failure, or stays active while
   * jobs are held.
   */
  #runJob(job: Obj, failure: PodFailureReason | undefined) {
    const finished = (job.status?.conditions ?? []).some(
      (c: Obj) =>
        ['Complete', 'Failed'].includes(c.type) && c.status === 'True',
    );
    if (finished) return;
    const { namespace, name, uid } = job.metadata;
    const containers: Obj[] = job.spec?.template?.spec?.containers ?? [];
    const pod = this.#podOfJob(namespace, name) ?? {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: `${name}-${uid.slice(0, 5)}`,
        namespace,
        uid: randomUUID(),
        labels: {
          ...clone(job.spec?.template?.metadata?.labels ?? {}),
          'job-name': name,
          'batch.kubernetes.io/job-name': name,
          'controller-uid': uid,
          'batch.kubernetes.io/controller-uid': uid,
        },
        ownerReferences: [
          {
            apiVersion: 'batch/v1',
            kind: 'Job',
            name,
            uid,
            controller: true,
          },
        ],
        creationTimestamp: new Date().toISOString(),
      },
      spec: clone(job.spec?.template?.spec ?? {}),
    };
    pod.metadata.resourceVersion = String(++this.#resourceVersion);
    const podType = RESOURCE_TYPES.find(t => t.kind === 'Pod')!;
    this.#objects.set(keyOf(podType, namespace, pod.metadata.name), pod);
    if (failure) {
      pod.status = podStatus(containers, failure);
      job.status = {
        failed: 1,
        conditions: [
          { type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded' },
        ],
      };
    } else if (this.holdJobs) {
      pod.status = {
        phase: 'Running',
        containerStatuses: containers.map(c => ({
          name: c.name,
          image: c.image,
          ready: true,
          restartCount: 0,
          state: { running: { startedAt: new Date().toISOString() } },
        })),
      };
      job.status = { active: 1, startTime: new Date().toISOString() };
    } else {
      this.#finishJob(namespace, name, undefined);
      return;
    }
    job.metadata.resourceVersion = String(++this.#resourceVersion);
  }

  #finishJob(
    namespace: string,
    name: string,
    failure:
      | { container: string; exitCode?: number; reason?: string }
      | undefined,
  ) {
    const job = this.#require(
      RESOURCE_TYPES.find(t => t.kind === 'Job')!,
      namespace,
      name,
    );
    const pod = this.#podOfJob(namespace, name);
    const now = new Date().toISOString();
    if (pod) {
      const containers: Obj[] = pod.spec?.containers ?? [];
      pod.status = {
        phase: failure ? 'Failed' : 'Succeeded',
        containerStatuses: containers.map(c => {
          const exitCode =
            failure && failure.container === c.name ? failure.exitCode ?? 1 : 0;
          return {
            name: c.name,
            image: c.image,
            ready: false,
            restartCount: 0,
            state: {
              terminated: {
                exitCode,
                reason: exitCode === 0 ? 'Completed' : 'Error',
                finishedAt: now,
              },
            },
          };
        }),
      };
      pod.metadata.resourceVersion = String(++this.#resourceVersion);
    }
    job.status = failure
      ? {
          failed: 1,
          conditions: [
            {
              type: 'Failed',
              status: 'True',
              reason: failure.reason ?? 'BackoffLimitExceeded',
            },
          ],
        }
      : {
          succeeded: 1,
          completionTime: now,
          conditions: [{ type: 'Complete', status: 'True' }],
        };
    job.metadata.resourceVersion = String(++this.#resourceVersion);
  }

  #podOfJob(namespace: string, job: string): Obj | undefined {
    const owner = this.#objects.get(
      keyOf(RESOURCE_TYPES.find(t => t.kind === 'Job')!, namespace, job),
    );
    if (!owner) return undefined;
    return this.#objects
      .inNamespace(namespace)
      .find(
        o =>
          o.kind === 'Pod' &&
          o.metadata.labels?.['batch.kubernetes.io/controller-uid'] ===
            owner.metadata.uid,
      );
  }

  #ensureClaims(workload: Obj, ordinal: number, podLabels: Obj) {
    const claimType = RESOURCE_TYPES.find(
      t => t.kind === 'PersistentVolumeClaim',
    )!;
    for (const template of workload.spec?.volumeClaimTemplates ?? []) {
      const name = `${template.metadata.name}-${workload.metadata.name}-${ordinal}`;
      const key = keyOf(claimType, workload.metadata.namespace, name);
      if (this.#objects.has(key)) continue;
      this.#objects.set(key, {
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        metadata: {
          name,
          namespace: workload.metadata.namespace,
          uid: randomUUID(),
          labels: { ...template.metadata.labels, ...podLabels },
          resourceVersion: String(++this.#resourceVersion),
          creationTimestamp: new Date().toISOString(),
        },
        spec: clone(template.spec),
        status: { phase: 'Bound' },
      });
    }
  }

  #claimsOf(statefulSet: Obj): Obj[] {
    const names = (statefulSet.spec?.volumeClaimTemplates ?? []).map(
      (t: Obj) => `${t.metadata.name}-${statefulSet.metadata.name}-`,
    );
    return this.#objects
      .inNamespace(statefulSet.metadata.namespace)
      .filter(
        o =>
          o.kind === 'PersistentVolumeClaim' &&
          names.some((prefix: string) => o.metadata.name.startsWith(prefix)),
      );
  }
}

function keyOf(
  type: ResourceType,
  namespace: string | undefined,
  name: string,
) {
  return `${type.kind}/${type.namespaced ? namespace ?? '' : ''}/${name}`;
}

function keyOfObject(object: Obj) {
  return `${object.kind}/${object.metadata.namespace ?? ''}/${
    object.metadata.name
  }`;
}

function hasGeneration(type: ResourceType) {
  return ['Deployment', 'StatefulSet', 'Job'].includes(type.kind);
}

/** What the API server does on every write: Secrets keep `data` only. */
function normalize(type: ResourceType, object: Obj) {
  if (type.kind === 'Secret' && object.stringData) {
    object.data = { ...object.data };
    for (const [key, value] of Object.entries(object.stringData)) {
      object.data[key] = Buffer.from(String(value)).toString('base64');
    }
    delete object.stringData;
  }
}
