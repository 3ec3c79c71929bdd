import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
// The scenario needs the real plugin; it exports it as its default only.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import environmentsPlugin from '@greenroom/plugin-environments-backend';
import request from 'supertest';
import { environmentsModuleKubernetes } from './module';
import { KubernetesApiDouble } from './testing/KubernetesApiDouble';

/**
 * The acceptance scenario of the runtime issue: a 50-service environment
 * through create → stop → start → clone → destroy, on a real backend, against
 * a Kubernetes API that fails one request in five.
 */

jest.setTimeout(120_000);

const API = '/api/environments';
const SOURCE = 'shop-stage';
const CLONE = 'shop-dev';
const SECRET = 'stripe-canary-value-5b8e1f';
const MANAGED = 'app.kubernetes.io/managed-by=greenroom';

const DATABASES = [
  { name: 'orders-db', engine: 'postgresql', version: '16' },
  { name: 'users-db', engine: 'postgresql', version: '15' },
  { name: 'billing-db', engine: 'mysql', version: '8' },
  { name: 'cache', engine: 'redis', version: '7' },
  { name: 'catalog-db', engine: 'mongodb', version: '7' },
];
const APPS = 45;
const replicasOf = (i: number) => 1 + (i % 3);

function bigEnvironment() {
  const apps = Array.from({ length: APPS }, (_, i) => ({
    name: `app-${i}`,
    kind: 'application',
    image: { repository: `ghcr.io/example/app-${i}`, tag: '1.0.0' },
    ports: [{ port: 8080, public: i % 10 === 0 }],
    replicas: replicasOf(i),
    variables: [
      // Aliases to database built-ins, and a value naming another service.
      {
        key: 'DB_URL',
        kind: 'alias',
        aliasOf: `GR_${DATABASES[i % 5].name
          .toUpperCase()
          .replace(/-/g, '_')}_URL`,
      },
      {
        key: 'NEXT_URL',
        kind: 'value',
        value: `http://app-${(i + 1) % APPS}-${SOURCE}:8080`,
      },
    ],
  }));
  const databases = DATABASES.map(db => ({
    name: db.name,
    kind: 'database',
    database: { engine: db.engine, version: db.version, mode: 'container' },
  }));
  return {
    name: SOURCE,
    system: 'shop',
    owner: 'team-shop',
    mode: 'staging',
    services: [...databases, ...apps],
    variables: [
      { key: 'DATABASE_URL', kind: 'alias', aliasOf: 'GR_ORDERS_DB_URL' },
      { key: 'CACHE_HOST', kind: 'alias', aliasOf: 'GR_CACHE_HOST' },
      { key: 'STRIPE_KEY', kind: 'secret', value: SECRET },
    ],
  };
}

describe('the kubernetes runtime in a real backend: a 50-service environment through its whole life', () => {
  let double: KubernetesApiDouble;

  beforeAll(async () => {
    double = await KubernetesApiDouble.start({
      rolloutDelayMs: 20,
      namespaceDeletionDelayMs: 100,
    });
  });
  afterAll(() => double.stop());

  it('creates, stops, starts, clones and destroys 50 services while one request in five fails', async () => {
    const { server } = await startTestBackend({
      features: [
        environmentsPlugin,
        environmentsModuleKubernetes,
        mockServices.rootConfig.factory({
          data: {
            environments: {
              secretsKey: 'test-secrets-key-that-is-long-enough',
              defaultRuntime: 'kubernetes',
              kubernetes: {
                clusters: [
                  {
                    name: 'double',
                    url: double.url,
                    token: double.token,
                    skipTLSVerify: true,
                  },
                ],
                pollInterval: '50ms',
                rolloutTimeout: '1m',
                destroyTimeout: '1m',
              },
            },
          },
        }),
      ],
    });
    // For the whole run: 429, 500 and dropped connections in turn.
    double.faults = { everyNth: 5, statuses: [429, 500], dropConnection: true };

    const finished = async (accepted: request.Response, what: string) => {
      expect(accepted.status).toBe(202);
      const id = accepted.body.operation.id;
      let operation: any;
      for (let i = 0; i < 600; i++) {
        operation = (await request(server).get(`${API}/operations/${id}`)).body;
        if (['succeeded', 'failed', 'cancelled'].includes(operation.status)) {
          break;
        }
        await new Promise(r => setTimeout(r, 100));
      }
      expect({
        what,
        status: operation.status,
        error: operation.error,
      }).toEqual({ what, status: 'succeeded', error: undefined });
      return operation;
    };
    const deployments = (namespace: string): Record<string, any> =>
      Object.fromEntries(
        double
          .objects({ kind: 'Deployment', namespace })
          .map(d => [d.metadata.name, d]),
      );
    /** The plain values of a Deployment's container, inline in its env. */
    const plainEnvOf = (namespace: string, name: string) =>
      Object.fromEntries<string>(
        (
          double.get('Deployment', namespace, name)!.spec.template.spec
            .containers[0].env ?? []
        ).map((e: { name: string; value: string }) => [e.name, e.value]),
      );

    // create
    await finished(
      await request(server).post(`${API}/environments`).send(bigEnvironment()),
      'create',
    );
    const source = `gr-${SOURCE}`;
    expect(Object.keys(deployments(source))).toHaveLength(APPS);
    expect(
      double.objects({ kind: 'StatefulSet', namespace: source }),
    ).toHaveLength(5);
    expect(
      double.objects({ kind: 'PersistentVolumeClaim', namespace: source }),
    ).toHaveLength(5);
    expect(double.objects({ kind: 'Ingress', namespace: source })).toHaveLength(
      0,
    );
    const created = await request(server).get(`${API}/environments/${SOURCE}`);
    expect(created.body.status).toBe('running');
    expect(plainEnvOf(source, 'app-2')).toMatchObject({
      DB_URL: 'mysql://billing_db@billing-db-shop-stage:3306/billing_db',
      DATABASE_URL:
        'postgresql://orders_db@orders-db-shop-stage:5432/orders_db',
      CACHE_HOST: 'cache-shop-stage',
    });
    expect(
      JSON.stringify(double.objects().filter(o => o.kind !== 'Secret')),
    ).not.toContain(SECRET);

    // stop
    await finished(
      await request(server).post(`${API}/environments/${SOURCE}/stop`),
      'stop',
    );
    for (const [name, d] of Object.entries(deployments(source))) {
      expect([name, d.spec.replicas]).toEqual([name, 0]);
      expect(d.metadata.annotations['greenroom.dev/replicas']).toBe(
        String(replicasOf(Number(name.split('-')[1]))),
      );
    }
    // The stop scales to zero and does not wait for the pods to terminate
    // (a cluster's take their grace period); the double's controller removes
    // them rolloutDelayMs after each scale-down, which a loaded machine can
    // delay past the operation's end.
    let pods = double.objects({ kind: 'Pod', namespace: source });
    for (let i = 0; i < 100 && pods.length > 0; i++) {
      await new Promise(r => setTimeout(r, 50));
      pods = double.objects({ kind: 'Pod', namespace: source });
    }
    expect(pods).toEqual([]);
    const stopped = await request(server).get(`${API}/environments/${SOURCE}`);
    expect(stopped.body.status).toBe('stopped');

    // start: every replica count comes back
    await finished(
      await request(server).post(`${API}/environments/${SOURCE}/start`),
      'start',
    );
    for (const [name, d] of Object.entries(deployments(source))) {
      expect([name, d.spec.replicas]).toEqual([
        name,
        replicasOf(Number(name.split('-')[1])),
      ]);
      expect(
        d.metadata.annotations?.['greenroom.dev/replicas'],
      ).toBeUndefined();
    }
    expect(
      double
        .objects({ kind: 'StatefulSet', namespace: source })
        .map(s => s.spec.replicas),
    ).toEqual([1, 1, 1, 1, 1]);

    const restarted = await request(server).get(
      `${API}/environments/${SOURCE}`,
    );
    expect(restarted.body.status).toBe('running');

    // clone: its own namespace, and nothing of it points at the source
    await finished(
      await request(server)
        .post(`${API}/environments/${SOURCE}/clone`)
        .send({ name: CLONE, mode: 'development' }),
      'clone',
    );
    const clone = `gr-${CLONE}`;
    expect(Object.keys(deployments(clone))).toHaveLength(APPS);
    expect(
      double.objects({ kind: 'StatefulSet', namespace: clone }),
    ).toHaveLength(5);
    const cloneObjects = double.objects({
      labelSelector: `greenroom.dev/environment=${CLONE}`,
    });
    expect(
      new Set(cloneObjects.map(o => o.metadata.namespace ?? o.metadata.name)),
    ).toEqual(new Set([clone]));
    // Plain values are inline in each Deployment's pod template.
    expect(double.objects({ kind: 'ConfigMap', namespace: clone })).toEqual([]);
    const cloneApps = double.objects({ kind: 'Deployment', namespace: clone });
    expect(cloneApps).toHaveLength(APPS);
    for (const app of cloneApps) {
      for (const [key, value] of Object.entries(
        plainEnvOf(clone, app.metadata.name),
      )) {
        expect([app.metadata.name, key, value]).toEqual([
          app.metadata.name,
          key,
          expect.not.stringContaining(`-${SOURCE}`),
        ]);
      }
    }
    expect(plainEnvOf(clone, 'app-0').NEXT_URL).toBe(
      `http://app-1-${CLONE}:8080`,
    );
    // Secrets are not carried over by a clone.
    expect(JSON.stringify(double.objects({ namespace: clone }))).not.toContain(
      Buffer.from(SECRET).toString('base64'),
    );

    // destroy both
    const destroySource = await request(server).delete(
      `${API}/environments/${SOURCE}`,
    );
    const destroyClone = await request(server).delete(
      `${API}/environments/${CLONE}`,
    );
    await finished(destroySource, 'destroy source');
    await finished(destroyClone, 'destroy clone');

    expect(double.objects({ labelSelector: MANAGED })).toEqual([]);
    expect(double.objects()).toEqual([]);
    expect(double.duplicates).toEqual([]);
    const injected = Object.values(double.injected).reduce((a, b) => a + b, 0);
    // Many faults were met on the way (one in five of some 450 requests).
    expect(injected).toBeGreaterThan(60);
    expect(Object.keys(double.injected).sort()).toEqual(['429', '500', 'drop']);
  });
});
