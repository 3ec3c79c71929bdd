import {
  app,
  context,
  eachTestOnADouble,
  SECRET,
  shop,
} from './__testUtils__/runtimeHarness';
import type { KubernetesRuntime } from './KubernetesRuntime';
import { resolvedEnvironment } from './testing/environments';
import type { KubernetesApiDouble } from './testing/KubernetesApiDouble';

describe('KubernetesRuntime: plan', () => {
  let double: KubernetesApiDouble;
  let runtime: KubernetesRuntime;
  eachTestOnADouble(fresh => ({ double, runtime } = fresh));

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
      resource: 'Secret/greenroom.secrets',
      // Which keys changed, never their values.
      detail: 'data.api.TOKEN, data.web.TOKEN',
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
});
