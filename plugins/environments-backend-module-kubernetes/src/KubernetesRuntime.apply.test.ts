import type { JsonValue } from '@backstage/types';
import {
  app,
  context,
  eachTestOnADouble,
  inventory,
  makeRuntime,
  requestDouble,
  SECRET,
  shop,
} from './__testUtils__/runtimeHarness';
import type { KubernetesRuntime } from './KubernetesRuntime';
import { resolvedEnvironment } from './testing/environments';
import { KubernetesApiDouble } from './testing/KubernetesApiDouble';

describe('KubernetesRuntime: apply', () => {
  let double: KubernetesApiDouble;
  let runtime: KubernetesRuntime;
  eachTestOnADouble(fresh => ({ double, runtime } = fresh));

  it('applies an environment into its namespace and reports it running', async () => {
    const observed = await runtime.apply(shop(), context());
    expect(inventory(double)).toEqual(
      [
        'Namespace/gr-shop',
        'Secret/greenroom.secrets',
        'Service/api-shop',
        'Deployment/api',
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
        urls: [],
        internalUrls: ['http://api-shop:8080'],
        image: 'ghcr.io/example/api:1.0.0',
        replicas: { desired: 3, ready: 3 },
        provisioned: {
          replicas: 3,
          cpuCores: 0.75,
          memoryGb: 0.75,
          storageGb: 0,
        },
      },
      {
        name: 'web',
        phase: 'running',
        urls: [],
        internalUrls: ['http://web-shop:8080'],
        image: 'ghcr.io/example/web:1.0.0',
        replicas: { desired: 1, ready: 1 },
        provisioned: {
          replicas: 1,
          cpuCores: 0.25,
          memoryGb: 0.25,
          storageGb: 0,
        },
      },
      {
        name: 'db',
        phase: 'running',
        urls: [],
        internalUrls: ['postgresql://db-shop:5432'],
        image: 'postgres:16',
        replicas: { desired: 1, ready: 1 },
        // its volume claim: the default 1Gi
        provisioned: {
          replicas: 1,
          cpuCores: 0.25,
          memoryGb: 0.25,
          storageGb: 1,
        },
      },
    ]);
    // Plain values are inline in the pod template: no ConfigMap.
    expect(
      double
        .get('Deployment', 'gr-shop', 'api')!
        .spec.template.spec.containers[0].env.find(
          (e: { name: string }) => e.name === 'DATABASE_URL',
        ).value,
    ).toBe('postgresql://db@db-shop:5432/db');
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

  it('lists each kind once and answers a full observation, drift included', async () => {
    const observed = await runtime.apply(shop(), context());
    // A list is a GET of a namespace's collection: /namespaces/gr-shop/pods.
    const counts = new Map<string, number>();
    for (const r of double.requests) {
      const list = /\/namespaces\/[^/]+\/([^/]+)$/.exec(r.path);
      if (r.method !== 'GET' || !list) continue;
      counts.set(list[1], (counts.get(list[1]) ?? 0) + 1);
    }
    expect(counts.get('deployments')).toBe(1);
    expect(counts.get('statefulsets')).toBe(1);
    expect(counts.get('pods')).toBe(1);
    expect([...counts.values()].every(n => n === 1)).toBe(true);
    expect(observed.drift).toEqual([]);
    expect(observed.entityAnnotations).toMatchObject({
      'backstage.io/kubernetes-namespace': 'gr-shop',
    });
  });

  it('leaves drift out of the answer of a resumed apply, so the engine observes again', async () => {
    await runtime.apply(shop(), context());
    const observed = await runtime.apply(shop(), context({ namespace: null }));
    expect(observed.drift).toBeUndefined();
    expect(observed.services.every(s => s.phase === 'running')).toBe(true);
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

  it('skips the tiers a resumed operation already applied', async () => {
    await runtime.apply(shop(), context());
    double.requests.length = 0;
    const ctx = context({ 'tier/config': 5 });
    await runtime.apply(shop(), ctx);
    const patched = double.requests
      .filter(r => r.method === 'PATCH')
      .map(r => r.path);
    expect(patched).not.toContain('/api/v1/namespaces/gr-shop/secrets/web');
    expect(patched).not.toContain(
      '/api/v1/namespaces/gr-shop/services/web-shop',
    );
    expect(patched).toContain(
      '/apis/apps/v1/namespaces/gr-shop/deployments/web',
    );
    expect(ctx.keys).toEqual(
      expect.arrayContaining(['tier/databases', 'tier/workloads', 'prune']),
    );
    expect(ctx.keys).not.toContain('tier/config');
  });

  it('resumes after a crash in the middle of a tier: the tier is applied again and converges', async () => {
    const done: Record<string, JsonValue> = {};
    // The first run dies at its first Deployment write (permanently, no retry).
    double.faults = {
      everyNth: 1,
      statuses: [403],
      match: r => r.method === 'PATCH' && r.path.includes('/deployments/'),
    };
    await expect(runtime.apply(shop(), context(done))).rejects.toThrow();
    expect(Object.keys(done)).toEqual(
      expect.arrayContaining(['tier/config', 'tier/databases']),
    );
    expect(done).not.toHaveProperty('tier/workloads');
    double.faults = undefined;
    double.requests.length = 0;
    const resumed = context(done);
    const observed = await runtime.apply(shop(), resumed);
    expect(resumed.keys).not.toContain('tier/config');
    expect(resumed.keys).toContain('tier/workloads');
    expect(observed.services.every(s => s.phase === 'running')).toBe(true);
    expect(inventory(double)).toEqual(
      expect.arrayContaining(['Deployment/api', 'Deployment/web']),
    );
    expect(double.duplicates).toEqual([]);
  });

  it('prunes the per-service ConfigMaps of environments applied before plain values went inline', async () => {
    await runtime.apply(shop(), context());
    // What an earlier release wrote: a labelled ConfigMap per service.
    const labels = double.get('Deployment', 'gr-shop', 'api')!.metadata.labels;
    for (const name of ['api', 'web']) {
      const response = await requestDouble(
        double,
        'POST',
        '/api/v1/namespaces/gr-shop/configmaps',
        {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name, namespace: 'gr-shop', labels },
          data: { LOG_LEVEL: 'debug' },
        },
      );
      expect(response.status).toBe(201);
    }
    expect(inventory(double)).toContain('ConfigMap/api');
    await runtime.apply(shop(), context());
    expect(inventory(double).filter(o => o.startsWith('ConfigMap/'))).toEqual(
      [],
    );
  });

  it("prunes the per-service Secrets of environments applied before the environment's one Secret", async () => {
    await runtime.apply(shop(), context());
    // What an earlier release wrote: a labelled Secret per service.
    const labels = double.get('Deployment', 'gr-shop', 'api')!.metadata.labels;
    const response = await requestDouble(
      double,
      'POST',
      '/api/v1/namespaces/gr-shop/secrets',
      {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 'api', namespace: 'gr-shop', labels },
        stringData: { TOKEN: SECRET },
      },
    );
    expect(response.status).toBe(201);
    expect(inventory(double)).toContain('Secret/api');
    await runtime.apply(shop(), context());
    expect(inventory(double).filter(o => o.startsWith('Secret/'))).toEqual([
      'Secret/greenroom.secrets',
    ]);
    const env = double.get('Deployment', 'gr-shop', 'api')!.spec.template.spec
      .containers[0].env;
    expect(env).toContainEqual({
      name: 'TOKEN',
      valueFrom: {
        secretKeyRef: { name: 'greenroom.secrets', key: 'api.TOKEN' },
      },
    });
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
    expect(inventory(double)).toContain('Deployment/old');
    const withoutDb = resolvedEnvironment({
      name: 'shop',
      id: 'id-shop',
      services: [app('api'), app('web')],
    });
    await runtime.apply(withoutDb, context());
    expect(inventory(double)).toEqual(
      [
        'Namespace/gr-shop',
        'Service/api-shop',
        'Deployment/api',
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
    expect(inventory(double)).toContain('Deployment/old');
    expect(double.requests.some(r => r.method === 'DELETE')).toBe(false);
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
        double.get('Secret', 'gr-shop', 'greenroom.secrets')!.data['api.TOKEN'],
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
});
