import { ClusterApi } from '../cluster/ClusterApi';
import { readClusterConfigs } from '../cluster/config';
import { ConfigReader } from '@backstage/config';
import { loadKubernetesClient } from '../cluster/loadClient';
import { createKubeConfig } from '../cluster/config';
import { KubernetesApiDouble } from './KubernetesApiDouble';

// Real HTTP to the double: slow when the machine is busy.
jest.setTimeout(60_000);

const deployment = (replicas = 2) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: {
    name: 'web',
    namespace: 'ns1',
    labels: { 'greenroom.dev/service': 'web', app: 'web' },
  },
  spec: {
    replicas,
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { labels: { 'greenroom.dev/service': 'web', app: 'web' } },
      spec: { containers: [{ name: 'web', image: 'nginx:1' }] },
    },
  },
});

describe('KubernetesApiDouble through the real client', () => {
  let double: KubernetesApiDouble;
  let api: ClusterApi;

  async function client() {
    const [cluster] = readClusterConfigs(
      new ConfigReader({
        environments: {
          kubernetes: {
            clusters: [
              {
                name: 'double',
                url: double.url,
                token: double.token,
                skipTLSVerify: true,
              },
            ],
          },
        },
      }),
    );
    return {
      cluster,
      api: await ClusterApi.create(cluster, { baseDelayMs: 1 }),
    };
  }

  beforeEach(async () => {
    double = await KubernetesApiDouble.start();
    api = (await client()).api;
  });
  afterEach(() => double.stop());

  const ns = {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: 'ns1', labels: { team: 'a' } },
  };

  it('creates with server-side apply, keeps the version on a no-op apply and bumps it on a change', async () => {
    await api.apply(ns);
    const created = await api.apply(deployment());
    expect(created.metadata.uid).toEqual(expect.any(String));
    expect(created.metadata.creationTimestamp).toEqual(expect.any(String));
    const again = await api.apply(deployment());
    expect(again.metadata.resourceVersion).toBe(
      (await api.read({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        name: 'web',
        namespace: 'ns1',
      }))!.metadata.resourceVersion,
    );
    const changed = await api.apply(deployment(3));
    expect(Number(changed.metadata.resourceVersion)).toBeGreaterThan(
      Number(again.metadata.resourceVersion),
    );
    expect(changed.metadata.generation).toBe(2);
    expect(double.objects({ kind: 'Pod', namespace: 'ns1' })).toHaveLength(3);
    const stored = double.get('Deployment', 'ns1', 'web')!;
    expect(stored.status).toMatchObject({
      readyReplicas: 3,
      observedGeneration: 2,
    });
  });

  it('requires the namespace and answers 404 Status objects', async () => {
    await expect(api.apply(deployment())).rejects.toThrow(
      /apply Deployment\/web in ns1 failed: 404 NotFound: namespaces "ns1" not found/,
    );
    await expect(
      api.read({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        name: 'x',
        namespace: 'ns1',
      }),
    ).resolves.toBeUndefined();
    expect(
      await api.delete({ apiVersion: 'v1', kind: 'Namespace', name: 'nope' }),
    ).toBe(false);
  });

  it('lists with equality and set-based label selectors', async () => {
    await api.apply(ns);
    for (const [name, tier] of [
      ['a', 'web'],
      ['b', 'db'],
      ['c', 'cache'],
    ]) {
      await api.apply({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: {
          name,
          namespace: 'ns1',
          labels: { tier, ...(name === 'c' ? {} : { keep: 'yes' }) },
        },
        data: {},
      });
    }
    const names = async (selector: string) =>
      (await api.list('v1', 'ConfigMap', 'ns1', selector)).map(
        o => o.metadata.name,
      );
    expect(await names('tier=web')).toEqual(['a']);
    expect(await names('tier!=web')).toEqual(['b', 'c']);
    expect(await names('tier in (web,db)')).toEqual(['a', 'b']);
    expect(await names('tier notin (web,db)')).toEqual(['c']);
    expect(await names('keep')).toEqual(['a', 'b']);
    expect(await names('!keep')).toEqual(['c']);
    expect(await names('keep=yes,tier in (db, cache)')).toEqual(['b']);
  });

  it('creates with POST (409 when it exists) and replaces with PUT checking the resource version', async () => {
    const k8s = await loadKubernetesClient();
    const kc = await createKubeConfig((await client()).cluster);
    const core = kc.makeApiClient(k8s.CoreV1Api);
    await core.createNamespace({ body: { metadata: { name: 'ns1' } } });
    await expect(
      core.createNamespace({ body: { metadata: { name: 'ns1' } } }),
    ).rejects.toMatchObject({ code: 409 });
    const cm = await core.createNamespacedConfigMap({
      namespace: 'ns1',
      body: { metadata: { name: 'cfg' }, data: { A: '1' } },
    });
    const replaced = await core.replaceNamespacedConfigMap({
      name: 'cfg',
      namespace: 'ns1',
      body: {
        metadata: {
          name: 'cfg',
          resourceVersion: cm.metadata!.resourceVersion,
        },
        data: { A: '2' },
      },
    });
    expect(replaced.data).toEqual({ A: '2' });
    await expect(
      core.replaceNamespacedConfigMap({
        name: 'cfg',
        namespace: 'ns1',
        body: {
          metadata: {
            name: 'cfg',
            resourceVersion: cm.metadata!.resourceVersion,
          },
          data: { A: '3' },
        },
      }),
    ).rejects.toMatchObject({ code: 409 });
    expect(double.get('ConfigMap', 'ns1', 'cfg')!.data).toEqual({ A: '2' });
  });

  it('merge-patches, deletes annotations with null and refuses a stale resource version', async () => {
    await api.apply(ns);
    const created = await api.apply(deployment());
    const ref = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      name: 'web',
      namespace: 'ns1',
    };
    await api.mergePatch(ref, {
      metadata: { annotations: { a: '1', b: '2' } },
    });
    const patched = await api.mergePatch(ref, {
      metadata: { annotations: { a: null } },
      spec: { replicas: 0 },
    });
    expect(patched.metadata.annotations).toEqual({ b: '2' });
    expect((patched.spec as any).replicas).toBe(0);
    await expect(
      api.mergePatch(ref, {
        metadata: { resourceVersion: created.metadata.resourceVersion },
        spec: { replicas: 5 },
      }),
    ).rejects.toMatchObject({ code: '409', transient: false });
    expect(double.objects({ kind: 'Pod' })).toHaveLength(0);
  });

  it('serves /scale for deployments and statefulsets', async () => {
    const k8s = await loadKubernetesClient();
    const kc = await createKubeConfig((await client()).cluster);
    const apps = kc.makeApiClient(k8s.AppsV1Api);
    await api.apply(ns);
    await api.apply(deployment(2));
    const scale = await apps.readNamespacedDeploymentScale({
      name: 'web',
      namespace: 'ns1',
    });
    expect(scale.spec?.replicas).toBe(2);
    await apps.replaceNamespacedDeploymentScale({
      name: 'web',
      namespace: 'ns1',
      body: {
        metadata: { name: 'web', namespace: 'ns1' },
        spec: { replicas: 4 },
      },
    });
    expect(double.get('Deployment', 'ns1', 'web')!.spec.replicas).toBe(4);
    expect(double.objects({ kind: 'Pod' })).toHaveLength(4);
    const sts = {
      ...deployment(1),
      kind: 'StatefulSet',
      metadata: { ...deployment().metadata, name: 'db' },
    };
    await api.apply({
      ...sts,
      spec: {
        ...sts.spec,
        serviceName: 'db',
        volumeClaimTemplates: [
          {
            metadata: { name: 'data' },
            spec: { resources: { requests: { storage: '1Gi' } } },
          },
        ],
        persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Delete' },
      },
    } as any);
    await apps.patchNamespacedStatefulSetScale(
      { name: 'db', namespace: 'ns1', body: { spec: { replicas: 2 } } },
      k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch),
    );
    expect(double.get('StatefulSet', 'ns1', 'db')!.status.readyReplicas).toBe(
      2,
    );
    expect(
      double
        .objects({ kind: 'PersistentVolumeClaim' })
        .map(c => c.metadata.name),
    ).toEqual(['data-db-0', 'data-db-1']);
    await api.delete({
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      name: 'db',
      namespace: 'ns1',
    });
    expect(double.objects({ kind: 'PersistentVolumeClaim' })).toHaveLength(0);
    expect(double.objects({ kind: 'Pod' })).toHaveLength(4);
  });

  it('stores Secret stringData as base64 data', async () => {
    await api.apply(ns);
    await api.apply({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 's', namespace: 'ns1' },
      stringData: { TOKEN: 'abc' },
    });
    const stored = double.get('Secret', 'ns1', 's')!;
    expect(stored.data).toEqual({
      TOKEN: Buffer.from('abc').toString('base64'),
    });
    expect(stored.stringData).toBeUndefined();
  });

  it('deletes a namespace with everything in it, after a Terminating phase', async () => {
    double.namespaceDeletionDelayMs = 100;
    await api.apply(ns);
    await api.apply(deployment());
    await api.delete({ apiVersion: 'v1', kind: 'Namespace', name: 'ns1' });
    const terminating = await api.read({
      apiVersion: 'v1',
      kind: 'Namespace',
      name: 'ns1',
    });
    expect((terminating as any).status.phase).toBe('Terminating');
    await expect(
      api.apply({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'late', namespace: 'ns1' },
      }),
    ).rejects.toThrow(/403 Forbidden/);
    await new Promise(r => setTimeout(r, 150));
    expect(
      await api.read({ apiVersion: 'v1', kind: 'Namespace', name: 'ns1' }),
    ).toBeUndefined();
    expect(double.objects()).toEqual([]);
  });

  it('fails pods of a service with the reason asked for', async () => {
    await api.apply(ns);
    await api.apply(deployment(1));
    double.failPods('ns1', 'web', 'CrashLoopBackOff');
    const [pod] = double.objects({ kind: 'Pod' });
    expect(pod.status.containerStatuses[0].state.waiting.reason).toBe(
      'CrashLoopBackOff',
    );
    expect(
      double.get('Deployment', 'ns1', 'web')!.status.readyReplicas,
    ).toBeUndefined();
    double.failPods('ns1', 'web', 'Unschedulable');
    expect(
      double.objects({ kind: 'Pod' })[0].status.conditions[0],
    ).toMatchObject({
      type: 'PodScheduled',
      status: 'False',
      reason: 'Unschedulable',
    });
    double.healPods('ns1', 'web');
    expect(double.get('Deployment', 'ns1', 'web')!.status.readyReplicas).toBe(
      1,
    );
  });

  it('runs Jobs as the Job controller does: a labelled pod, held until completed or failed, with logs', async () => {
    const job = (name: string) => ({
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name, namespace: 'ns1' },
      spec: {
        template: {
          metadata: { labels: { app: name } },
          spec: {
            restartPolicy: 'Never',
            containers: [
              { name: 'main', image: 'busybox:1' },
              { name: 'side', image: 'busybox:1' },
            ],
          },
        },
      },
    });
    await api.apply(ns);
    await api.apply(job('at-once'));
    expect(double.get('Job', 'ns1', 'at-once')!.status).toMatchObject({
      succeeded: 1,
      conditions: [{ type: 'Complete', status: 'True' }],
    });

    double.holdJobs = true;
    const held = await api.apply(job('held'));
    const pod = double.jobPod('ns1', 'held')!;
    expect(pod.metadata.labels).toEqual({
      app: 'held',
      'job-name': 'held',
      'batch.kubernetes.io/job-name': 'held',
      'controller-uid': held.metadata.uid,
      'batch.kubernetes.io/controller-uid': held.metadata.uid,
    });
    expect(pod.metadata.ownerReferences[0]).toMatchObject({
      kind: 'Job',
      uid: held.metadata.uid,
    });
    expect(double.get('Job', 'ns1', 'held')!.status.active).toBe(1);

    double.writeJobLog('ns1', 'held', 'main', 'one\ntwo');
    double.writeJobLog('ns1', 'held', 'main', 'three');
    const log = (tailLines?: number) =>
      api.podLog('ns1', pod.metadata.name, 'main', { tailLines });
    await expect(log()).resolves.toBe('one\ntwo\nthree\n');
    await expect(log(1)).resolves.toBe('three\n');
    await expect(api.podLog('ns1', pod.metadata.name, 'side')).resolves.toBe(
      '',
    );

    double.failJob('ns1', 'held', { container: 'side', exitCode: 3 });
    expect(double.get('Job', 'ns1', 'held')!.status.conditions).toEqual([
      { type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded' },
    ]);
    const failed = double.jobPod('ns1', 'held')!;
    expect(failed.status.phase).toBe('Failed');
    expect(
      failed.status.containerStatuses.map(
        (c: any) => c.state.terminated.exitCode,
      ),
    ).toEqual([0, 3]);

    await api.delete({
      apiVersion: 'batch/v1',
      kind: 'Job',
      name: 'held',
      namespace: 'ns1',
    });
    expect(double.jobPod('ns1', 'held')).toBeUndefined();
    expect(
      double.objects({ kind: 'Pod', labelSelector: 'job-name=held' }),
    ).toEqual([]);
  });

  describe('faults', () => {
    it('fails every n-th request before changing anything, and the client retries', async () => {
      double.faults = { everyNth: 2, statuses: [503], dropConnection: true };
      const noRetry = await ClusterApi.create((await client()).cluster, {
        retries: 0,
      });
      const outcomes: string[] = [];
      for (let i = 0; i < 4; i++) {
        try {
          await noRetry.apply({ ...ns, metadata: { name: `ns-${i}` } });
          outcomes.push('ok');
        } catch (error) {
          outcomes.push((error as any).transient ? 'transient' : 'permanent');
        }
      }
      // The first request is discovery, then one per apply.
      expect(double.injected).toEqual({
        503: expect.any(Number),
        drop: expect.any(Number),
      });
      expect(outcomes).toContain('transient');
      const failed = outcomes
        .map((o, i) => (o === 'ok' ? undefined : `ns-${i}`))
        .filter(Boolean);
      for (const name of failed) {
        expect(double.get('Namespace', undefined, name!)).toBeUndefined();
      }
      // With retries every write lands.
      await api.apply({ ...ns, metadata: { name: 'retried-1' } });
      await api.apply({ ...ns, metadata: { name: 'retried-2' } });
      expect(double.get('Namespace', undefined, 'retried-2')).toBeDefined();
    });

    it('draws failures from a seeded source, the same on every run', async () => {
      const run = async () => {
        const d = await KubernetesApiDouble.start({
          faults: { failureRate: 0.5, seed: 7 },
        });
        const paths: number[] = [];
        for (let i = 0; i < 10; i++) {
          const res = await fetch(`${d.url}/version`, {
            headers: { authorization: `Bearer ${d.token}` },
          });
          paths.push(res.status);
        }
        await d.stop();
        return paths;
      };
      const first = await run();
      expect(first.some(s => s !== 200)).toBe(true);
      expect(first.some(s => s === 200)).toBe(true);
      expect(await run()).toEqual(first);
    });
  });
});
