import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
// The scenario needs the real plugin; it exports it as its default only.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import environmentsPlugin from '@greenroom/plugin-environments-backend';
import request from 'supertest';
import { environmentsModuleKubernetes } from './module';
import { KubernetesApiDouble } from './testing/KubernetesApiDouble';

/**
 * Abuse scenario: two portals share a cluster. Portal B
 * deletes orphans (`orphans.action: delete`, no grace) and has an
 * environment of the same name as one of portal A's; nothing of portal A's
 * may be listed, adopted, pruned or deleted by B.
 */

jest.setTimeout(60_000);

const API = '/api/environments';

const shop = (services: string[]) => ({
  name: 'shop',
  system: 'shop',
  owner: 'team-shop',
  mode: 'development',
  runtime: { type: 'kubernetes' },
  services: services.map(name => ({
    name,
    kind: 'application',
    image: { repository: `ghcr.io/example/${name}`, tag: '1' },
    ports: [{ port: 8080, public: false }],
  })),
});

async function portal(double: KubernetesApiDouble, installationId: string) {
  const scheduler = mockServices.scheduler.mock();
  const { server } = await startTestBackend({
    features: [
      environmentsPlugin,
      environmentsModuleKubernetes,
      scheduler.factory,
      mockServices.rootConfig.factory({
        data: {
          backend: { baseUrl: `https://${installationId}.example.com` },
          environments: {
            secretsKey: 'test-secrets-key-that-is-long-enough',
            installationId,
            orphans: { action: 'delete', gracePeriod: '1s' },
            kubernetes: {
              clusters: [
                {
                  name: 'shared',
                  url: double.url,
                  token: double.token,
                  skipTLSVerify: true,
                },
              ],
              pollInterval: '20ms',
              rolloutTimeout: '10s',
              destroyTimeout: '10s',
            },
          },
        },
      }),
    ],
  });
  const task = (id: string) =>
    scheduler.scheduleTask.mock.calls.find(([t]) => t.id === id)![0];
  return {
    server,
    collectOrphans: async () => {
      // Twice: the first sighting starts the grace period.
      const { fn } = task('environments-orphan-collection');
      await fn(new AbortController().signal);
      await new Promise(r => setTimeout(r, 1100));
      await fn(new AbortController().signal);
    },
  };
}

async function lastOperation(server: any, name: string) {
  for (let i = 0; i < 400; i++) {
    const res = await request(server).get(
      `${API}/environments/${name}/operations`,
    );
    const [latest] = res.body.items ?? [];
    if (latest && !['queued', 'running'].includes(latest.status)) {
      return latest;
    }
    await new Promise(r => setTimeout(r, 50));
  }
  throw new Error(`the operation of ${name} did not finish`);
}

describe('abuse: installations sharing a cluster', () => {
  it("7. a second portal on the same cluster never lists, adopts, prunes or deletes the first portal's environment", async () => {
    const double = await KubernetesApiDouble.start();
    try {
      const a = await portal(double, 'portal-a');
      expect(
        (
          await request(a.server)
            .post(`${API}/environments`)
            .send(shop(['api', 'web']))
        ).status,
      ).toBe(202);
      expect((await lastOperation(a.server, 'shop')).status).toBe('succeeded');
      const fingerprint = () =>
        double
          .objects()
          .filter(o => o.kind !== 'Pod')
          .map(
            o => `${o.kind}/${o.metadata.name}@${o.metadata.resourceVersion}`,
          )
          .sort();
      const before = fingerprint();
      expect(before).toContain(
        `Namespace/gr-shop@${
          double.get('Namespace', undefined, 'gr-shop')!.metadata
            .resourceVersion
        }`,
      );

      const b = await portal(double, 'portal-b');
      // B knows no `shop`: to an unscoped listing, A's namespace is an orphan.
      await b.collectOrphans();
      expect(fingerprint()).toEqual(before);

      // B makes its own `shop`, with one service fewer: B must neither adopt
      // A's namespace nor prune A's `web`.
      expect(
        (
          await request(b.server)
            .post(`${API}/environments`)
            .send(shop(['api']))
        ).status,
      ).toBe(202);
      const created = await lastOperation(b.server, 'shop');
      expect(created.status).toBe('failed');
      expect(JSON.stringify(created)).toContain(
        'another Greenroom installation',
      );
      expect(fingerprint()).toEqual(before);

      // Destroying B's `shop` leaves A's namespace.
      expect(
        (await request(b.server).delete(`${API}/environments/shop`)).status,
      ).toBe(202);
      await lastOperation(b.server, 'shop').catch(() => undefined);
      await b.collectOrphans();
      expect(double.get('Namespace', undefined, 'gr-shop')).toBeDefined();
      expect(double.get('Deployment', 'gr-shop', 'web')).toBeDefined();
      expect(
        double.get('Namespace', undefined, 'gr-shop')!.metadata.labels[
          'greenroom.dev/installation'
        ],
      ).toBe('portal-a');
    } finally {
      await double.stop();
    }
  });
});
