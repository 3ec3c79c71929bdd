import {
  INSTALLATION,
  context,
  eachTestOnADouble,
  requestDouble,
  shop,
} from './__testUtils__/runtimeHarness';
import type { KubernetesRuntime } from './KubernetesRuntime';
import type { KubernetesApiDouble } from './testing/KubernetesApiDouble';

describe('KubernetesRuntime: observe', () => {
  let double: KubernetesApiDouble;
  let runtime: KubernetesRuntime;
  eachTestOnADouble(fresh => ({ double, runtime } = fresh));

  it('reports a service that starts crash-looping, without anyone acting on it', async () => {
    await runtime.apply(shop(), context());
    double.failPods('gr-shop', 'api', 'CrashLoopBackOff');

    const observed = await runtime.observe(shop());
    const api = observed.services.find(s => s.name === 'api')!;
    expect(api.phase).toBe('failed');
    expect(api.message).toMatch(/CrashLoopBackOff/);
    expect(api.replicas).toEqual({ desired: 3, ready: 0 });
    expect(observed.drift).toEqual([]);

    double.healPods('gr-shop', 'api');
    expect(
      (await runtime.observe(shop())).services.find(s => s.name === 'api')!
        .phase,
    ).toBe('running');
  });

  it('says where the Kubernetes plugin finds the environment', async () => {
    await runtime.apply(shop(), context());
    const { entityAnnotations } = await runtime.observe(shop());
    expect(entityAnnotations).toEqual({
      'backstage.io/kubernetes-namespace': 'gr-shop',
      'backstage.io/kubernetes-label-selector': `app.kubernetes.io/managed-by=greenroom,greenroom.dev/installation=${INSTALLATION},greenroom.dev/environment=shop`,
    });
    // the selector finds the environment's pods, and only them
    const selector =
      entityAnnotations!['backstage.io/kubernetes-label-selector'];
    const pods = double.objects({ kind: 'Pod', labelSelector: selector });
    expect(pods.length).toBe(5);
  });

  it('reports objects deleted or changed out of band as drift, and re-applying repairs them', async () => {
    await runtime.apply(shop(), context());
    expect(
      (
        await requestDouble(
          double,
          'DELETE',
          '/apis/apps/v1/namespaces/gr-shop/deployments/web',
        )
      ).status,
    ).toBe(200);
    expect(
      (
        await requestDouble(
          double,
          'PATCH',
          '/api/v1/namespaces/gr-shop/services/api-shop',
          { spec: { type: 'NodePort' } },
        )
      ).status,
    ).toBe(200);

    const { drift, services } = await runtime.observe(shop());
    expect(drift).toEqual([
      {
        resource: 'Service/api-shop',
        service: 'api',
        change: 'modified',
        detail: 'spec.type',
      },
      { resource: 'Deployment/web', service: 'web', change: 'missing' },
    ]);
    expect(services.find(s => s.name === 'web')!.phase).toBe('pending');

    await runtime.apply(shop(), context());
    expect((await runtime.observe(shop())).drift).toEqual([]);
  });
});
