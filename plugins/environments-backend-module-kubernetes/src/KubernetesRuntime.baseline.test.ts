import {
  app,
  context,
  eachTestOnADouble,
  inventory,
} from './__testUtils__/runtimeHarness';
import type { KubernetesRuntime } from './KubernetesRuntime';
import { resolvedEnvironment } from './testing/environments';
import { KubernetesApiDouble } from './testing/KubernetesApiDouble';

const SERVICES = Array.from({ length: 19 }, (_, i) =>
  app(`svc-${String(i + 1).padStart(2, '0')}`),
);

/** A 20-service base: nineteen applications and a PostgreSQL. */
const staging = () =>
  resolvedEnvironment({
    name: 'staging',
    services: [
      ...SERVICES,
      {
        name: 'db',
        kind: 'database',
        database: { engine: 'postgresql', version: '16' },
      },
    ],
  });

/** A preview of one changed service that shares the rest of staging. */
const preview = () =>
  resolvedEnvironment({
    name: 'pr-7',
    services: [
      app('svc-01', {
        image: { repository: 'ghcr.io/example/svc-01', tag: 'pr-7' },
        variables: [
          { key: 'NEXT', kind: 'value', value: 'http://svc-02-staging:8080' },
        ],
      }),
    ],
    base: staging(),
  });

describe('KubernetesRuntime: an environment that shares a base', () => {
  let double: KubernetesApiDouble;
  let runtime: KubernetesRuntime;
  eachTestOnADouble(fresh => ({ double, runtime } = fresh));

  it("deploys one service beside a 20-service base and reaches the others at the base's hosts", async () => {
    await runtime.apply(staging(), context());
    const baseObjects = () =>
      double
        .objects({ namespace: 'gr-staging' })
        .filter(o => o.kind !== 'Pod')
        .map(o => `${o.kind}/${o.metadata.name}@${o.metadata.resourceVersion}`);
    const base = baseObjects();
    const before = inventory(double).length;
    const observed = await runtime.apply(preview(), context());

    const own = double
      .objects({ namespace: 'gr-pr-7' })
      .filter(o => o.kind !== 'Pod');
    const workloads = own.filter(o =>
      ['Deployment', 'StatefulSet', 'Job'].includes(o.kind),
    );
    expect(workloads.map(o => `${o.kind}/${o.metadata.name}`)).toEqual([
      'Deployment/svc-01',
    ]);
    expect(own.some(o => o.kind === 'ConfigMap')).toBe(false);
    expect(own.some(o => o.kind === 'PersistentVolumeClaim')).toBe(false);
    expect(observed.services.map(s => s.name)).toEqual(['svc-01']);

    // Its configuration points at the base's hosts...
    const env: Array<{ name: string; value: string }> = double.get(
      'Deployment',
      'gr-pr-7',
      'svc-01',
    )!.spec.template.spec.containers[0].env;
    expect(Object.fromEntries(env.map(e => [e.name, e.value]))).toMatchObject({
      GR_SVC_01_HOST: 'svc-01-pr-7',
      GR_SVC_02_HOST: 'svc-02-staging',
      GR_SVC_19_URL: 'http://svc-19-staging:8080',
      GR_DB_HOST: 'db-staging',
      NEXT: 'http://svc-02-staging:8080',
    });
    // ...which resolve in its namespace to the base's Services, and run nothing.
    const alias = double.get('Service', 'gr-pr-7', 'svc-02-staging')!;
    expect(alias.spec).toEqual({
      type: 'ExternalName',
      externalName: 'svc-02-staging.gr-staging.svc.cluster.local',
    });
    expect(double.get('Service', 'gr-staging', 'svc-02-staging')).toBeDefined();
    const aliases = own.filter(
      o => o.kind === 'Service' && o.spec?.type === 'ExternalName',
    );
    // One per shared service: eighteen applications and the database.
    expect(aliases).toHaveLength(19);

    // The base is untouched.
    expect(baseObjects()).toEqual(base);
    // Its own objects and its Namespace are all that was added.
    expect(inventory(double).length).toBe(before + own.length + 1);
  });

  it('removes the preview without touching the base', async () => {
    await runtime.apply(staging(), context());
    const base = inventory(double);
    await runtime.apply(preview(), context());
    await runtime.destroy(preview(), context());
    expect(inventory(double)).toEqual(base);
  });
});
