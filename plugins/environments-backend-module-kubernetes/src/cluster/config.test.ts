import type { JsonObject } from '@backstage/types';
import { ConfigReader } from '@backstage/config';
import { createKubeConfig, readClusterConfigs } from './config';
import { loadKubernetesClient } from './loadClient';
import { KubernetesApiDouble } from '../testing/KubernetesApiDouble';

const clustersConfig = (clusters: JsonObject[]) =>
  new ConfigReader({ environments: { kubernetes: { clusters } } });

describe('readClusterConfigs', () => {
  it('reads no clusters when none are configured', () => {
    expect(readClusterConfigs(new ConfigReader({}))).toEqual([]);
  });

  it('reads url, kubeconfig and in-cluster connections', () => {
    const clusters = readClusterConfigs(
      clustersConfig([
        {
          name: 'dev',
          url: 'https://k8s.example.com',
          token: 't',
          namespacePrefix: 'env-',
        },
        { name: 'local', kubeconfig: 'default', context: 'kind' },
        { name: 'self', inCluster: true },
      ]),
    );
    expect(clusters).toEqual([
      {
        name: 'dev',
        namespacePrefix: 'env-',
        connection: {
          type: 'url',
          url: 'https://k8s.example.com',
          token: 't',
          caData: undefined,
          skipTLSVerify: false,
        },
      },
      {
        name: 'local',
        namespacePrefix: 'gr-',
        connection: { type: 'kubeconfig', path: undefined, context: 'kind' },
      },
      {
        name: 'self',
        namespacePrefix: 'gr-',
        connection: { type: 'inCluster' },
      },
    ]);
  });

  it('names the cluster when its connection is ambiguous or missing', () => {
    expect(() =>
      readClusterConfigs(
        clustersConfig([{ name: 'a', url: 'https://x', inCluster: true }]),
      ),
    ).toThrow(
      "environments.kubernetes.clusters[0] ('a'): set exactly one of url, kubeconfig or inCluster",
    );
    expect(() => readClusterConfigs(clustersConfig([{ name: 'b' }]))).toThrow(
      "clusters[0] ('b')",
    );
  });

  it('rejects duplicate cluster names', () => {
    expect(() =>
      readClusterConfigs(
        clustersConfig([
          { name: 'a', inCluster: true },
          { name: 'a', inCluster: true },
        ]),
      ),
    ).toThrow("clusters[1].name: duplicate cluster name 'a'");
  });
});

describe('the real @kubernetes/client-node against the API double', () => {
  let double: KubernetesApiDouble;

  beforeAll(async () => {
    double = await KubernetesApiDouble.start({ token: 'sa-token' });
  });
  afterAll(() => double.stop());

  it('loads the ESM-only client under jest and talks HTTP with the configured token', async () => {
    const [cluster] = readClusterConfigs(
      clustersConfig([
        {
          name: 'double',
          url: double.url,
          token: 'sa-token',
          skipTLSVerify: true,
        },
      ]),
    );
    const k8s = await loadKubernetesClient();
    const api = (await createKubeConfig(cluster)).makeApiClient(k8s.CoreV1Api);

    await api.createNamespace({
      body: {
        metadata: {
          name: 'gr-dev-ada',
          labels: { 'app.kubernetes.io/managed-by': 'greenroom' },
        },
      },
    });
    await api.createNamespace({ body: { metadata: { name: 'other' } } });

    const managed = await api.listNamespace({
      labelSelector: 'app.kubernetes.io/managed-by=greenroom',
    });
    expect(managed.items.map(ns => ns.metadata?.name)).toEqual(['gr-dev-ada']);
    expect(double.requests.map(r => `${r.method} ${r.path}`)).toContain(
      'GET /api/v1/namespaces',
    );
  });

  it('surfaces a conflict as the API status code', async () => {
    const [cluster] = readClusterConfigs(
      clustersConfig([
        {
          name: 'double',
          url: double.url,
          token: 'sa-token',
          skipTLSVerify: true,
        },
      ]),
    );
    const k8s = await loadKubernetesClient();
    const api = (await createKubeConfig(cluster)).makeApiClient(k8s.CoreV1Api);
    await expect(
      api.createNamespace({ body: { metadata: { name: 'gr-dev-ada' } } }),
    ).rejects.toMatchObject({ code: 409 });
  });

  it('is refused with a wrong token', async () => {
    const [cluster] = readClusterConfigs(
      clustersConfig([
        {
          name: 'double',
          url: double.url,
          token: 'wrong',
          skipTLSVerify: true,
        },
      ]),
    );
    const k8s = await loadKubernetesClient();
    const api = (await createKubeConfig(cluster)).makeApiClient(k8s.CoreV1Api);
    await expect(api.listNamespace()).rejects.toMatchObject({ code: 401 });
  });
});
