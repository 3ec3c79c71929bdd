import {
  app,
  context,
  eachTestOnADouble,
  makeRuntime,
  orphanContext,
  requestDouble,
  shop,
} from './__testUtils__/runtimeHarness';
import type { KubernetesRuntime } from './KubernetesRuntime';
import { resolvedEnvironment } from './testing/environments';
import { KubernetesApiDouble } from './testing/KubernetesApiDouble';

describe('KubernetesRuntime: destroy and orphans', () => {
  let double: KubernetesApiDouble;
  let runtime: KubernetesRuntime;
  eachTestOnADouble(fresh => ({ double, runtime } = fresh));

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

  it('waits for a namespace that is already terminating without deleting it again', async () => {
    await runtime.apply(shop([app('api')]), context());
    double.namespaceDeletionDelayMs = 150;
    const deleted = await requestDouble(
      double,
      'DELETE',
      '/api/v1/namespaces/gr-shop',
    );
    expect(deleted.status).toBe(200);
    double.requests.length = 0;
    await runtime.destroy(shop([app('api')]), context());
    expect(double.requests.filter(r => r.method === 'DELETE')).toEqual([]);
    expect(double.get('Namespace', undefined, 'gr-shop')).toBeUndefined();
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
      requestDouble(double, 'POST', '/api/v1/namespaces', {
        metadata: { name: 'gr-shop', labels },
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
