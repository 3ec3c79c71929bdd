import {
  app,
  context,
  eachTestOnADouble,
  shop,
} from './__testUtils__/runtimeHarness';
import type { KubernetesRuntime } from './KubernetesRuntime';
import type { KubernetesApiDouble } from './testing/KubernetesApiDouble';

describe('KubernetesRuntime: stop and start', () => {
  let double: KubernetesApiDouble;
  let runtime: KubernetesRuntime;
  eachTestOnADouble(fresh => ({ double, runtime } = fresh));

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
});
