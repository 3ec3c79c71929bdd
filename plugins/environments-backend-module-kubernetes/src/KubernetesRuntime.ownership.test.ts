import {
  app,
  context,
  eachTestOnADouble,
  INSTALLATION,
  makeRuntime,
  orphanContext,
  requestDouble,
  shop,
} from './__testUtils__/runtimeHarness';
import type { KubernetesRuntime } from './KubernetesRuntime';
import { resolvedEnvironment } from './testing/environments';
import type { KubernetesApiDouble } from './testing/KubernetesApiDouble';
import { RESOURCE_TYPES } from './testing/doubleResources';

describe('KubernetesRuntime: ownership', () => {
  let double: KubernetesApiDouble;
  let runtime: KubernetesRuntime;
  eachTestOnADouble(fresh => ({ double, runtime } = fresh));

  it('refuses to adopt or delete a namespace Greenroom does not manage', async () => {
    await runtime.apply(
      resolvedEnvironment({ name: 'other', services: [] }),
      context(),
    );
    // Someone else's namespace with the name ours would have.
    await requestDouble(double, 'POST', '/api/v1/namespaces', {
      metadata: { name: 'gr-shop' },
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
          const res = await requestDouble(double, 'PATCH', path, {
            metadata: { labels: { 'greenroom.dev/installation': null } },
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
        const res = await requestDouble(
          double,
          'PATCH',
          '/apis/apps/v1/namespaces/gr-shop/statefulsets/db',
          { spec: { volumeClaimTemplates: legacyClaims } },
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
});
