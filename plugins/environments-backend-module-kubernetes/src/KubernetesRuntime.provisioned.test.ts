import {
  app,
  context,
  eachTestOnADouble,
  requestDouble,
} from './__testUtils__/runtimeHarness';
import type { KubernetesRuntime } from './KubernetesRuntime';
import { resolvedEnvironment } from './testing/environments';
import type { KubernetesApiDouble } from './testing/KubernetesApiDouble';

/** An application that declares a volume, and a 3-replica PostgreSQL. */
const billed = () =>
  resolvedEnvironment({
    name: 'bill',
    services: [
      app('api', {
        replicas: 2,
        resources: { cpu: '500m', memory: '512Mi', storage: '5Gi' },
      }),
      {
        name: 'db',
        kind: 'database',
        replicas: 3,
        resources: { cpu: '250m', memory: '1Gi' },
        database: { engine: 'postgresql', version: '16', storageGb: 2 },
      },
    ],
  });

const provisionedOf = (
  observed: Awaited<ReturnType<KubernetesRuntime['observe']>>,
  name: string,
) => observed.services.find(s => s.name === name)!.provisioned;

describe('KubernetesRuntime: what it provisioned', () => {
  let double: KubernetesApiDouble;
  let runtime: KubernetesRuntime;
  eachTestOnADouble(fresh => ({ double, runtime } = fresh));

  it('reports no volume for an application, and one volume per database replica', async () => {
    const applied = await runtime.apply(billed(), context());

    // Kubernetes makes no volume for an application's `resources.storage`.
    expect(provisionedOf(applied, 'api')).toEqual({
      replicas: 2,
      cpuCores: 1,
      memoryGb: 1,
      storageGb: 0,
    });
    // A StatefulSet's volumeClaimTemplate makes a claim per replica.
    expect(double.objects({ kind: 'PersistentVolumeClaim' })).toHaveLength(3);
    expect(provisionedOf(applied, 'db')).toEqual({
      replicas: 3,
      cpuCores: 0.75,
      memoryGb: 3,
      storageGb: 6,
    });
    expect(await runtime.observe(billed())).toMatchObject({
      services: applied.services.map(s => ({ provisioned: s.provisioned })),
    });
  });

  it('follows replicas scaled behind its back, and keeps volumes while stopped', async () => {
    await runtime.apply(billed(), context());

    // kubectl scale deployment/api --replicas=5
    const scaled = await requestDouble(
      double,
      'PATCH',
      '/apis/apps/v1/namespaces/gr-bill/deployments/api',
      { spec: { replicas: 5 } },
    );
    expect(scaled.status).toBe(200);
    expect(provisionedOf(await runtime.observe(billed()), 'api')).toEqual({
      replicas: 5,
      cpuCores: 2.5,
      memoryGb: 2.5,
      storageGb: 0,
    });

    await runtime.stop(billed(), context());
    const stopped = await runtime.observe(billed());
    expect(provisionedOf(stopped, 'api')).toMatchObject({
      replicas: 0,
      cpuCores: 0,
    });
    // Scaled to zero, a StatefulSet keeps its claims: still billed.
    expect(provisionedOf(stopped, 'db')).toMatchObject({
      replicas: 0,
      cpuCores: 0,
      storageGb: 6,
    });

    const started = await runtime.start(billed(), context());
    expect(started && provisionedOf(started, 'db')).toMatchObject({
      replicas: 3,
      storageGb: 6,
    });
  });

  it('counts a crash-looping pod, which still holds its node reservation', async () => {
    await runtime.apply(billed(), context());
    double.failPods('gr-bill', 'api', 'CrashLoopBackOff');

    expect(provisionedOf(await runtime.observe(billed()), 'api')).toMatchObject(
      { replicas: 2, cpuCores: 1 },
    );
  });
});
