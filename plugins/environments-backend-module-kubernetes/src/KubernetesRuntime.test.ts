import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import type { JsonValue } from '@backstage/types';
import type {
  OrphanContext,
  RuntimeContext,
} from '@greenroom/plugin-environments-node';
import { readClusterConfigs } from './cluster/config';
import { KubernetesRuntime } from './KubernetesRuntime';
import { resolvedEnvironment } from './testing/environments';
import { KubernetesApiDouble } from './testing/KubernetesApiDouble';
import { RESOURCE_TYPES } from './testing/doubleResources';

// Real HTTP to the double: slow when the machine is busy.
jest.setTimeout(60_000);

const SECRET = 'canary-secret-value-7f3a';
const INSTALLATION = 'gr-test0001';

function context(
  done: Record<string, JsonValue> = {},
): RuntimeContext & { keys: string[] } {
  const keys: string[] = [];
  return {
    keys,
    signal: new AbortController().signal,
    logger: mockServices.logger.mock(),
    async checkpoint<T extends JsonValue | void>(
      key: string,
      fn: () => Promise<T>,
    ) {
      if (key in done) return done[key] as T;
      const value = await fn();
      done[key] = (value ?? null) as JsonValue;
      keys.push(key);
      return value;
    },
  };
}

function orphanContext(): OrphanContext {
  return {
    signal: new AbortController().signal,
    logger: mockServices.logger.mock(),
  };
}

const app = (name: string, extra: object = {}) => ({
  name,
  kind: 'application',
  image: { repository: `ghcr.io/example/${name}`, tag: '1.0.0' },
  ports: [{ port: 8080, public: false }],
  ...extra,
});

const shop = (
  services = [app('api', { replicas: 3 }), app('web')],
  extra: object = {},
) =>
  resolvedEnvironment({
    name: 'shop',
    id: 'id-shop',
    services: [
      ...services,
      {
        name: 'db',
        kind: 'database',
        database: { engine: 'postgresql', version: '16' },
      },
    ],
    variables: [
      { key: 'DATABASE_URL', kind: 'alias', aliasOf: 'GR_DB_URL' },
      { key: 'TOKEN', kind: 'secret', value: SECRET },
    ],
    ...extra,
  });

describe('KubernetesRuntime against the API double', () => {
  let double: KubernetesApiDouble;
  let runtime: KubernetesRuntime;

  function makeRuntime(
    doubles: Array<{ name: string; double: KubernetesApiDouble }>,
    options = {},
    installationId = INSTALLATION,
    namespacePrefix?: string,
  ) {
    const clusters = readClusterConfigs(
      new ConfigReader({
        environments: {
          kubernetes: {
            clusters: doubles.map(d => ({
              name: d.name,
              url: d.double.url,
              token: d.double.token,
              skipTLSVerify: true,
              ...(namespacePrefix ? { namespacePrefix } : {}),
            })),
          },
        },
      }),
    );
    return new KubernetesRuntime({
      clusters,
      logger: mockServices.logger.mock(),
      installationId,
      options: {
        pollIntervalMs: 10,
        rolloutTimeoutMs: 5_000,
        destroyTimeoutMs: 5_000,
        ...options,
      },
      retry: { baseDelayMs: 1, maxDelayMs: 5 },
    });
  }

  beforeEach(async () => {
    double = await KubernetesApiDouble.start();
    runtime = makeRuntime([{ name: 'double', double }]);
  });
  afterEach(() => double.stop());

  const inventory = () =>
    double
      .objects({ labelSelector: 'app.kubernetes.io/managed-by=greenroom' })
      .filter(o => o.kind !== 'Pod')
      .map(o => `${o.kind}/${o.metadata.name}`)
      .sort();

  it('applies an environment into its namespace and reports it running', async () => {
    const observed = await runtime.apply(shop(), context());
    expect(inventory()).toEqual(
      [
        'Namespace/gr-shop',
        'ConfigMap/api',
        'Secret/api',
        'Service/api-shop',
        'Deployment/api',
        'ConfigMap/web',
        'Secret/web',
        'Service/web-shop',
        'Deployment/web',
        'Service/db-shop',
        'StatefulSet/db',
        'PersistentVolumeClaim/data-db-0',
      ].sort(),
    );
    expect(observed.services).toEqual([
      {
        name: 'api',
        phase: 'running',
        urls: ['http://api-shop:8080'],
        replicas: { desired: 3, ready: 3 },
      },
      {
        name: 'web',
        phase: 'running',
        urls: ['http://web-shop:8080'],
        replicas: { desired: 1, ready: 1 },
      },
      {
        name: 'db',
        phase: 'running',
        urls: ['postgresql://db-shop:5432'],
        replicas: { desired: 1, ready: 1 },
      },
    ]);
    expect(double.get('ConfigMap', 'gr-shop', 'api')!.data.DATABASE_URL).toBe(
      'postgresql://db@db-shop:5432/db',
    );
    // Secret values only reach Secret objects.
    const notSecrets = double.objects().filter(o => o.kind !== 'Secret');
    expect(JSON.stringify(notSecrets)).not.toContain(SECRET);
    // Databases are written before the apps that use them.
    const writes = double.requests
      .filter(r => r.method === 'PATCH')
      .map(r => r.path);
    const firstDeployment = writes.findIndex(p => p.includes('/deployments/'));
    const statefulSet = writes.findIndex(p => p.includes('/statefulsets/'));
    expect(statefulSet).toBeGreaterThanOrEqual(0);
    expect(statefulSet).toBeLessThan(firstDeployment);
  });

  it('converges on a second apply without changing anything', async () => {
    await runtime.apply(shop(), context());
    const versions = double
      .objects()
      .map(o => [o.kind, o.metadata.name, o.metadata.resourceVersion]);
    await runtime.apply(shop(), context());
    expect(
      double
        .objects()
        .map(o => [o.kind, o.metadata.name, o.metadata.resourceVersion]),
    ).toEqual(versions);
    expect(double.duplicates).toEqual([]);
  });

  it('skips objects a resumed operation already applied', async () => {
    await runtime.apply(shop(), context());
    double.requests.length = 0;
    const ctx = context({
      'object/Deployment/api': null,
      'object/ConfigMap/web': null,
    });
    await runtime.apply(shop(), ctx);
    const patched = double.requests
      .filter(r => r.method === 'PATCH')
      .map(r => r.path);
    expect(patched).not.toContain(
      '/apis/apps/v1/namespaces/gr-shop/deployments/api',
    );
    expect(patched).not.toContain('/api/v1/namespaces/gr-shop/configmaps/web');
    expect(patched).toContain(
      '/apis/apps/v1/namespaces/gr-shop/deployments/web',
    );
    expect(ctx.keys).toContain('object/Deployment/web');
    expect(ctx.keys).not.toContain('object/Deployment/api');
  });

  it('deletes the objects of services that were removed, and only those', async () => {
    await runtime.apply(
      shop([
        app('api'),
        app('web'),
        app('old', { ports: [{ port: 80, public: true }] }),
      ]),
      context(),
    );
    expect(inventory()).toContain('Deployment/old');
    const withoutDb = resolvedEnvironment({
      name: 'shop',
      id: 'id-shop',
      services: [app('api'), app('web')],
    });
    await runtime.apply(withoutDb, context());
    expect(inventory()).toEqual(
      [
        'Namespace/gr-shop',
        'ConfigMap/api',
        'Service/api-shop',
        'Deployment/api',
        'ConfigMap/web',
        'Service/web-shop',
        'Deployment/web',
      ].sort(),
    );
    expect(
      double
        .objects({ kind: 'Pod' })
        .map(p => p.metadata.name)
        .sort(),
    ).toEqual(['api-0', 'web-0']);
  });

  it('deletes nothing when a listing fails', async () => {
    await runtime.apply(shop([app('api'), app('old')]), context());
    double.faults = {
      failureRate: 1,
      statuses: [500],
      match: r => r.method === 'GET' && r.path.endsWith('/ingresses'),
    };
    await expect(
      runtime.apply(shop([app('api')]), context()),
    ).rejects.toMatchObject({
      name: 'RuntimeError',
      transient: true,
      message: expect.stringContaining('list Ingress'),
    });
    expect(inventory()).toContain('Deployment/old');
    expect(double.requests.some(r => r.method === 'DELETE')).toBe(false);
  });

  it('stops to zero and starts back to the remembered replicas, also after a second stop', async () => {
    await runtime.apply(shop(), context());
    await runtime.stop(shop(), context());
    const api = double.get('Deployment', 'gr-shop', 'api')!;
    expect(api.spec.replicas).toBe(0);
    expect(api.metadata.annotations['greenroom.dev/replicas']).toBe('3');
    expect(double.get('StatefulSet', 'gr-shop', 'db')!.spec.replicas).toBe(0);
    expect(double.objects({ kind: 'Pod' })).toEqual([]);
    expect((await runtime.observe(shop())).services.map(s => s.phase)).toEqual([
      'stopped',
      'stopped',
      'stopped',
    ]);

    await runtime.stop(shop(), context());
    expect(
      double.get('Deployment', 'gr-shop', 'api')!.metadata.annotations[
        'greenroom.dev/replicas'
      ],
    ).toBe('3');

    await runtime.start(shop(), context());
    const started = double.get('Deployment', 'gr-shop', 'api')!;
    expect(started.spec.replicas).toBe(3);
    expect(
      started.metadata.annotations?.['greenroom.dev/replicas'],
    ).toBeUndefined();
    expect(double.get('StatefulSet', 'gr-shop', 'db')!.spec.replicas).toBe(1);
    const observed = await runtime.observe(shop());
    expect(observed.services.map(s => [s.name, s.phase, s.replicas])).toEqual([
      ['api', 'running', { desired: 3, ready: 3 }],
      ['web', 'running', { desired: 1, ready: 1 }],
      ['db', 'running', { desired: 1, ready: 1 }],
    ]);
  });

  it('forgets the remembered count when an apply runs a stopped environment again', async () => {
    await runtime.apply(shop(), context());
    await runtime.stop(shop(), context());
    const updated = shop([app('api', { replicas: 4 }), app('web')]);
    await runtime.apply(updated, context());
    const api = double.get('Deployment', 'gr-shop', 'api')!;
    expect(api.spec.replicas).toBe(4);
    expect(
      api.metadata.annotations?.['greenroom.dev/replicas'],
    ).toBeUndefined();
    await runtime.stop(updated, context());
    expect(
      double.get('Deployment', 'gr-shop', 'api')!.metadata.annotations[
        'greenroom.dev/replicas'
      ],
    ).toBe('4');
  });

  it('starts an environment that was never applied by applying it', async () => {
    await runtime.start(shop(), context());
    expect(double.get('Deployment', 'gr-shop', 'api')!.spec.replicas).toBe(3);
  });

  it('destroys the namespace and waits until it is gone', async () => {
    double.namespaceDeletionDelayMs = 150;
    await runtime.apply(shop(), context());
    const started = Date.now();
    await runtime.destroy(shop(), context());
    expect(Date.now() - started).toBeGreaterThanOrEqual(100);
    expect(double.objects()).toEqual([]);
    // Destroying again finds nothing to do.
    await runtime.destroy(shop(), context());
  });

  it("rolls a Deployment's pods when a secret it uses changes, and only then", async () => {
    await runtime.apply(shop(), context());
    const template = () =>
      double.get('Deployment', 'gr-shop', 'api')!.spec.template;
    const before = template();
    const hash = before.metadata.annotations['greenroom.dev/secret-hash'];
    expect(hash).toMatch(/^[0-9a-f]{32}$/);

    // Unrelated changes (another service's replicas) leave it as it is.
    await runtime.apply(
      shop([app('api', { replicas: 3 }), app('web', { replicas: 2 })]),
      context(),
    );
    expect(template()).toEqual(before);

    const rotated = shop();
    for (const list of [
      rotated.variables.environment,
      ...Object.values(rotated.variables.services),
    ]) {
      for (const variable of list) {
        if (variable.key === 'TOKEN') variable.value = 'rotated-secret-value';
      }
    }
    await runtime.apply(rotated, context());
    const after = template();
    expect(after.metadata.annotations['greenroom.dev/secret-hash']).not.toBe(
      hash,
    );
    expect(after).not.toEqual(before);
    expect(
      Buffer.from(
        double.get('Secret', 'gr-shop', 'api')!.data.TOKEN,
        'base64',
      ).toString(),
    ).toBe('rotated-secret-value');
    // Neither value is anywhere but in Secrets.
    const notSecrets = JSON.stringify(
      double.objects().filter(o => o.kind !== 'Secret'),
    );
    expect(notSecrets).not.toContain(SECRET);
    expect(notSecrets).not.toContain('rotated-secret-value');
  });

  it('refuses to adopt or delete a namespace Greenroom does not manage', async () => {
    await runtime.apply(
      resolvedEnvironment({ name: 'other', services: [] }),
      context(),
    );
    // Someone else's namespace with the name ours would have.
    await fetch(`${double.url}/api/v1/namespaces`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${double.token}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ metadata: { name: 'gr-shop' } }),
    });
    await expect(runtime.apply(shop(), context())).rejects.toMatchObject({
      transient: false,
      message: expect.stringContaining(
        'gr-shop exists and is not managed by Greenroom',
      ),
    });
    await expect(runtime.destroy(shop(), context())).rejects.toMatchObject({
      transient: false,
    });
    expect(double.get('Namespace', undefined, 'gr-shop')).toBeDefined();
  });

  it.each([
    ['CrashLoopBackOff', 'api: container keeps crashing (CrashLoopBackOff)'],
    [
      'ImagePullBackOff',
      'api: image ghcr.io/example/api:1.0.0 cannot be pulled (ImagePullBackOff)',
    ],
    [
      'Unschedulable',
      'api: no node can run it (Unschedulable): 0/3 nodes are available',
    ],
  ] as const)(
    'fails the rollout in words when pods fail with %s',
    async (reason, words) => {
      double.failPods('gr-shop', 'api', reason);
      const error = await runtime.apply(shop(), context()).catch(e => e);
      expect(error).toMatchObject({
        name: 'RuntimeError',
        transient: false,
        code: 'RolloutFailed',
      });
      expect(error.message).toContain(words);
      const observed = await runtime.observe(shop());
      const api = observed.services.find(s => s.name === 'api')!;
      expect(api.phase).toBe('failed');
      expect(api.message).toContain(words);
      expect(observed.services.find(s => s.name === 'web')!.phase).toBe(
        'running',
      );
    },
  );

  it('gives up on a rollout that does not finish in time, naming what is not ready', async () => {
    double.rolloutDelayMs = 10_000;
    const slow = makeRuntime([{ name: 'double', double }], {
      rolloutTimeoutMs: 100,
    });
    await expect(slow.apply(shop(), context())).rejects.toMatchObject({
      transient: false,
      message: expect.stringMatching(
        /Rollout did not finish within 100ms: api \(0\/3 ready\)/,
      ),
    });
  });

  it('retries failed requests and converges under injected faults', async () => {
    double.faults = {
      everyNth: 3,
      statuses: [429, 500, 503],
      dropConnection: true,
    };
    await runtime.apply(shop(), context());
    await runtime.stop(shop(), context());
    await runtime.start(shop(), context());
    double.faults = undefined;
    expect(double.injected).toMatchObject({
      429: expect.any(Number),
      500: expect.any(Number),
      503: expect.any(Number),
      drop: expect.any(Number),
    });
    expect(double.get('Deployment', 'gr-shop', 'api')!.spec.replicas).toBe(3);
    expect(double.duplicates).toEqual([]);
  });

  it('plans creates, updates, unchanged objects and deletes', async () => {
    const before = await runtime.plan(shop());
    expect(before.runtime).toBe('kubernetes');
    expect(new Set(before.changes.map(c => c.action))).toEqual(
      new Set(['create']),
    );
    expect(before.changes).toContainEqual({
      action: 'create',
      resource: 'Deployment/api',
      service: 'api',
    });
    expect(double.objects()).toEqual([]);

    await runtime.apply(shop(), context());
    const same = await runtime.plan(shop());
    expect(same.changes.filter(c => c.action !== 'unchanged')).toEqual([]);

    const scaled = await runtime.plan(
      shop([app('api', { replicas: 5 }), app('web')]),
    );
    expect(scaled.changes.filter(c => c.action !== 'unchanged')).toEqual([
      {
        action: 'update',
        resource: 'Deployment/api',
        service: 'api',
        detail: 'spec.replicas',
      },
    ]);

    const rotated = resolvedEnvironment({
      name: 'shop',
      id: 'id-shop',
      services: shop().environment.services,
      variables: [
        { key: 'DATABASE_URL', kind: 'alias', aliasOf: 'GR_DB_URL' },
        { key: 'TOKEN', kind: 'secret', value: 'another-canary-value' },
      ],
    });
    const secretChange = await runtime.plan(rotated);
    expect(secretChange.changes).toContainEqual({
      action: 'update',
      resource: 'Secret/api',
      service: 'api',
      detail: 'data.TOKEN',
    });
    expect(JSON.stringify(secretChange)).not.toContain('another-canary-value');
    expect(JSON.stringify(secretChange)).not.toContain(SECRET);

    const removed = await runtime.plan(shop([app('api')]));
    expect(removed.changes).toContainEqual({
      action: 'delete',
      resource: 'Deployment/web',
      service: 'web',
      detail: 'no longer rendered',
    });
    // Plans write nothing.
    expect(double.get('Deployment', 'gr-shop', 'api')!.spec.replicas).toBe(3);
  });

  it('reruns a job whose definition changed', async () => {
    const withJob = (tag: string) =>
      resolvedEnvironment({
        name: 'shop',
        id: 'id-shop',
        services: [
          {
            name: 'migrate',
            kind: 'job',
            image: { repository: 'migrate', tag },
          },
        ],
      });
    await runtime.apply(withJob('1'), context());
    const first = double.get('Job', 'gr-shop', 'migrate')!;
    await runtime.apply(withJob('1'), context());
    expect(double.get('Job', 'gr-shop', 'migrate')!.metadata.uid).toBe(
      first.metadata.uid,
    );
    await runtime.apply(withJob('2'), context());
    const second = double.get('Job', 'gr-shop', 'migrate')!;
    expect(second.metadata.uid).not.toBe(first.metadata.uid);
    expect(second.spec.template.spec.containers[0].image).toBe('migrate:2');
    expect((await runtime.observe(withJob('2'))).services[0]).toMatchObject({
      phase: 'stopped',
      message: 'migrate: job completed',
    });
  });

  it('deploys to the target cluster and refuses an unknown one', async () => {
    const second = await KubernetesApiDouble.start();
    try {
      const two = makeRuntime([
        { name: 'one', double },
        { name: 'two', double: second },
      ]);
      await two.apply(shop([app('api')], { target: 'two' }), context());
      expect(second.get('Deployment', 'gr-shop', 'api')).toBeDefined();
      expect(double.objects()).toEqual([]);
      await expect(
        two.apply(shop([app('api')], { target: 'nope' }), context()),
      ).rejects.toMatchObject({
        transient: false,
        message: expect.stringContaining("Kubernetes cluster 'nope'"),
      });
    } finally {
      await second.stop();
    }
  });

  describe('installations', () => {
    /** Portal A deploys `shop`; portal B shares the cluster. */
    const fingerprint = () =>
      double
        .objects()
        .filter(o => o.kind !== 'Pod')
        .map(o => [o.kind, o.metadata.name, o.metadata.resourceVersion])
        .sort();

    it('labels everything it creates with its installation', async () => {
      await runtime.apply(shop(), context());
      const objects = double.objects();
      expect(objects.length).toBeGreaterThan(10);
      for (const object of objects) {
        expect(object.metadata.labels?.['greenroom.dev/installation']).toBe(
          INSTALLATION,
        );
      }
    });

    it("never lists, adopts, garbage-collects or deletes another installation's objects of the same environment", async () => {
      await runtime.apply(shop(), context());
      const before = fingerprint();
      const portalB = makeRuntime([{ name: 'double', double }], {}, 'portal-b');

      expect(await portalB.listManaged()).toEqual([]);
      await portalB.destroyOrphan(
        { environmentName: 'shop', environmentId: 'id-shop', target: 'double' },
        orphanContext(),
      );
      await portalB.destroyOrphan(
        { environmentName: 'shop', target: 'double' },
        orphanContext(),
      );
      // Same name, same id (say, a portal restored from A's backup), fewer
      // services: B must neither adopt A's namespace nor prune A's objects.
      await expect(
        portalB.apply(shop([app('api')]), context()),
      ).rejects.toMatchObject({
        transient: false,
        code: 'NamespaceNotOwned',
        message: expect.stringContaining('another Greenroom installation'),
      });
      await expect(portalB.stop(shop(), context())).rejects.toMatchObject({
        code: 'NamespaceNotOwned',
      });
      await expect(portalB.destroy(shop(), context())).rejects.toMatchObject({
        code: 'NamespaceNotOwned',
      });
      expect(fingerprint()).toEqual(before);
      expect(await runtime.listManaged()).toEqual([
        { environmentName: 'shop', environmentId: 'id-shop', target: 'double' },
      ]);
    });

    it("keeps to its own namespace when another installation's prefix differs", async () => {
      await runtime.apply(shop(), context());
      const before = fingerprint();
      const portalB = makeRuntime(
        [{ name: 'double', double }],
        {},
        'portal-b',
        'b-',
      );
      await portalB.apply(shop([app('api')]), context());
      expect(double.get('Namespace', undefined, 'b-shop')).toBeDefined();
      expect(fingerprint().filter(([, name]) => name !== 'b-shop')).toEqual(
        expect.arrayContaining(before),
      );
      expect(await portalB.listManaged()).toEqual([
        { environmentName: 'shop', environmentId: 'id-shop', target: 'double' },
      ]);
      // B's orphan collection of "shop" deletes B's namespace only.
      await portalB.destroyOrphan(
        { environmentName: 'shop', environmentId: 'id-shop', target: 'double' },
        orphanContext(),
      );
      expect(double.get('Namespace', undefined, 'b-shop')).toBeUndefined();
      expect(fingerprint()).toEqual(before);
    });

    describe('namespaces made before installation labels', () => {
      /** Removes the installation label from everything, as an older release left it. */
      const stripInstallationLabels = async () => {
        for (const object of double.objects()) {
          if (object.kind === 'Pod') continue;
          const type = RESOURCE_TYPES.find(t => t.kind === object.kind)!;
          const base = type.group
            ? `/apis/${type.group}/${type.version}`
            : `/api/${type.version}`;
          const path = type.namespaced
            ? `${base}/namespaces/${object.metadata.namespace}/${type.plural}/${object.metadata.name}`
            : `${base}/${type.plural}/${object.metadata.name}`;
          const res = await fetch(`${double.url}${path}`, {
            method: 'PATCH',
            headers: {
              authorization: `Bearer ${double.token}`,
              'content-type': 'application/merge-patch+json',
            },
            body: JSON.stringify({
              metadata: { labels: { 'greenroom.dev/installation': null } },
            }),
          });
          expect(res.status).toBe(200);
        }
        expect(
          double.objects({ labelSelector: 'greenroom.dev/installation' }),
        ).toEqual(
          double
            .objects({ labelSelector: 'greenroom.dev/installation' })
            .filter(o => o.kind === 'Pod'),
        );
      };

      it('are not listed by orphan collection', async () => {
        await runtime.apply(shop(), context());
        await stripInstallationLabels();
        expect(await runtime.listManaged()).toEqual([]);
        await runtime.destroyOrphan(
          {
            environmentName: 'shop',
            environmentId: 'id-shop',
            target: 'double',
          },
          orphanContext(),
        );
        expect(double.get('Namespace', undefined, 'gr-shop')).toBeDefined();
      });

      it('are adopted by their own environment (same id): stop labels the namespace and its objects, then works', async () => {
        await runtime.apply(shop(), context());
        await stripInstallationLabels();
        await runtime.stop(shop(), context());
        for (const object of double.objects().filter(o => o.kind !== 'Pod')) {
          expect(object.metadata.labels?.['greenroom.dev/installation']).toBe(
            INSTALLATION,
          );
        }
        expect(double.get('Deployment', 'gr-shop', 'api')!.spec.replicas).toBe(
          0,
        );
        expect(await runtime.listManaged()).toHaveLength(1);
      });

      it('are adopted on apply, keeping the immutable claim templates of a StatefulSet', async () => {
        await runtime.apply(shop(), context());
        await stripInstallationLabels();
        // As an older release rendered it: claim templates without the label.
        const legacyClaims = double.get('StatefulSet', 'gr-shop', 'db')!.spec
          .volumeClaimTemplates;
        delete legacyClaims[0].metadata.labels['greenroom.dev/installation'];
        const res = await fetch(
          `${double.url}/apis/apps/v1/namespaces/gr-shop/statefulsets/db`,
          {
            method: 'PATCH',
            headers: {
              authorization: `Bearer ${double.token}`,
              'content-type': 'application/merge-patch+json',
            },
            body: JSON.stringify({
              spec: { volumeClaimTemplates: legacyClaims },
            }),
          },
        );
        expect(res.status).toBe(200);

        await runtime.apply(shop(), context());
        expect(
          double.get('Namespace', undefined, 'gr-shop')!.metadata.labels[
            'greenroom.dev/installation'
          ],
        ).toBe(INSTALLATION);
        expect(
          double.get('StatefulSet', 'gr-shop', 'db')!.spec
            .volumeClaimTemplates[0].metadata.labels,
        ).toEqual(legacyClaims[0].metadata.labels);
        expect(
          double.get('PersistentVolumeClaim', 'gr-shop', 'data-db-0')!.metadata
            .labels['greenroom.dev/installation'],
        ).toBe(INSTALLATION);
      });

      it("are refused to another environment id: they may be another installation's", async () => {
        await runtime.apply(shop(), context());
        await stripInstallationLabels();
        const before = fingerprint();
        const newer = resolvedEnvironment({
          name: 'shop',
          id: 'id-newer-shop',
          services: [app('api')],
        });
        await expect(runtime.apply(newer, context())).rejects.toMatchObject({
          code: 'NamespaceNotOwned',
          message: expect.stringContaining(
            'label it greenroom.dev/installation=gr-test0001',
          ),
        });
        expect(fingerprint()).toEqual(before);
      });
    });
  });

  describe('listManaged', () => {
    it('lists environments of every cluster by their labels', async () => {
      const second = await KubernetesApiDouble.start();
      try {
        const two = makeRuntime([
          { name: 'one', double },
          { name: 'two', double: second },
        ]);
        await two.apply(shop([app('api')]), context());
        await two.apply(
          resolvedEnvironment({
            name: 'qa',
            id: 'id-qa',
            services: [],
            target: 'two',
          }),
          context(),
        );
        expect(await two.listManaged()).toEqual([
          { environmentName: 'shop', environmentId: 'id-shop', target: 'one' },
          { environmentName: 'qa', environmentId: 'id-qa', target: 'two' },
        ]);
      } finally {
        await second.stop();
      }
    });

    it('throws rather than return a partial list when one cluster fails', async () => {
      const broken = await KubernetesApiDouble.start({
        faults: { failureRate: 1, statuses: [503] },
      });
      try {
        const two = makeRuntime([
          { name: 'one', double },
          { name: 'broken', double: broken },
        ]);
        await two.apply(shop([app('api')]), context());
        await expect(two.listManaged()).rejects.toMatchObject({
          name: 'RuntimeError',
          message: expect.stringContaining("Kubernetes cluster 'broken'"),
        });
      } finally {
        await broken.stop();
      }
    });
  });

  describe('destroyOrphan', () => {
    const orphan = {
      environmentName: 'shop',
      environmentId: 'id-shop',
      target: 'double',
    };

    /** A namespace created behind Greenroom's back. */
    const createNamespace = (labels: Record<string, string>) =>
      fetch(`${double.url}/api/v1/namespaces`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${double.token}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ metadata: { name: 'gr-shop', labels } }),
      });

    it('deletes the namespace of what listManaged found and waits until it is gone', async () => {
      double.namespaceDeletionDelayMs = 150;
      await runtime.apply(shop([app('api')]), context());
      const [ref] = await runtime.listManaged();
      expect(ref).toEqual(orphan);
      const ctx = orphanContext();
      await runtime.destroyOrphan(ref, ctx);
      expect(double.objects()).toEqual([]);
      expect(await runtime.listManaged()).toEqual([]);
      expect(ctx.logger.info).toHaveBeenCalledWith(
        'Deleting orphaned namespace',
        expect.objectContaining({ namespace: 'gr-shop', cluster: 'double' }),
      );
    });

    it('leaves the namespace of a newer environment of the same name alone', async () => {
      await runtime.apply(shop([app('api')]), context());
      await runtime.destroyOrphan(
        { ...orphan, environmentId: 'id-old-shop' },
        orphanContext(),
      );
      expect(double.get('Namespace', undefined, 'gr-shop')).toBeDefined();
      expect(double.get('Deployment', 'gr-shop', 'api')).toBeDefined();
    });

    it('leaves a namespace Greenroom does not manage alone', async () => {
      const created = await createNamespace({
        'app.kubernetes.io/managed-by': 'someone-else',
        'greenroom.dev/environment': 'shop',
        'greenroom.dev/environment-id': 'id-shop',
      });
      expect(created.status).toBe(201);
      await runtime.destroyOrphan(orphan, orphanContext());
      await runtime.destroyOrphan(
        { environmentName: 'shop', target: 'double' },
        orphanContext(),
      );
      expect(double.get('Namespace', undefined, 'gr-shop')).toBeDefined();
    });

    it('resolves when the namespace is already gone, and refuses an unknown cluster', async () => {
      await runtime.destroyOrphan(orphan, orphanContext());
      await runtime.destroyOrphan({ environmentName: 'shop' }, orphanContext());
      await expect(
        runtime.destroyOrphan({ ...orphan, target: 'nope' }, orphanContext()),
      ).rejects.toMatchObject({
        transient: false,
        code: 'UnknownCluster',
        message: expect.stringContaining("Kubernetes cluster 'nope'"),
      });
    });
  });
});
