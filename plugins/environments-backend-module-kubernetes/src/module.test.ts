import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
// The module is tested inside the real plugin it extends.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import environmentsPlugin from '@greenroom/plugin-environments-backend';
import request from 'supertest';
import { environmentsModuleKubernetes } from './module';
import { KubernetesApiDouble } from './testing/KubernetesApiDouble';

// Real HTTP to the double: slow when the machine is busy.
jest.setTimeout(60_000);

const API = '/api/environments';
const environment = {
  name: 'qa',
  system: 'shop',
  owner: 'team-shop',
  mode: 'development',
  runtime: { type: 'kubernetes' },
  services: [
    {
      name: 'api',
      kind: 'application',
      image: { repository: 'ghcr.io/example/api', tag: '1' },
      ports: [{ port: 8080, public: true }],
    },
  ],
};

async function backend(kubernetes: object, environments: object = {}) {
  const { server } = await startTestBackend({
    features: [
      environmentsPlugin,
      environmentsModuleKubernetes,
      mockServices.rootConfig.factory({
        data: {
          environments: {
            secretsKey: 'test-secrets-key-that-is-long-enough',
            kubernetes,
            ...environments,
          },
        },
      }),
    ],
  });
  return server;
}

/** Waits until the environment has no queued or running operation. */
async function settled(server: any, name: string) {
  for (let i = 0; i < 300; i++) {
    const res = await request(server).get(
      `${API}/environments/${name}/operations`,
    );
    const items = res.body.items ?? res.body;
    if (
      Array.isArray(items) &&
      items.length > 0 &&
      items.every((o: any) => !['queued', 'running'].includes(o.status))
    ) {
      return items;
    }
    await new Promise(r => setTimeout(r, 50));
  }
  throw new Error(`operations of ${name} did not finish`);
}

describe('environmentsModuleKubernetes', () => {
  it('adds the kubernetes runtime, whose plan the API serves, when clusters are configured', async () => {
    const double = await KubernetesApiDouble.start();
    try {
      const server = await backend({
        clusters: [
          {
            name: 'dev',
            url: double.url,
            token: double.token,
            skipTLSVerify: true,
          },
        ],
        ingress: { baseDomain: 'preview.example.com' },
      });
      // Stop the engine from deploying while we look at the plan.
      double.faults = {
        failureRate: 1,
        statuses: [503],
        match: r => r.method !== 'GET',
      };
      expect(
        (await request(server).post(`${API}/environments`).send(environment))
          .status,
      ).toBe(202);
      const plan = await request(server).get(`${API}/environments/qa/plan`);
      expect(plan.status).toBe(200);
      expect(plan.body.runtime).toBe('kubernetes');
      expect(plan.body.changes).toEqual(
        expect.arrayContaining([
          { action: 'create', resource: 'Namespace/gr-qa' },
          { action: 'create', resource: 'Deployment/api', service: 'api' },
          { action: 'create', resource: 'Ingress/api', service: 'api' },
        ]),
      );
    } finally {
      await double.stop();
    }
  });

  it('labels with the configured installation, and rolls pods when a secret changes through the API', async () => {
    const double = await KubernetesApiDouble.start();
    try {
      const server = await backend(
        {
          clusters: [
            {
              name: 'dev',
              url: double.url,
              token: double.token,
              skipTLSVerify: true,
            },
          ],
          pollInterval: '20ms',
        },
        { installationId: 'acme-portal' },
      );
      const created = await request(server)
        .post(`${API}/environments`)
        .send({
          ...environment,
          variables: [{ key: 'TOKEN', kind: 'secret', value: 'first-value' }],
        });
      expect(created.status).toBe(202);
      await settled(server, 'qa');
      for (const object of double.objects()) {
        expect(object.metadata.labels?.['greenroom.dev/installation']).toBe(
          'acme-portal',
        );
      }
      const annotations = () =>
        double.get('Deployment', 'gr-qa', 'api')!.spec.template.metadata
          .annotations;
      const first = annotations();
      expect(first['greenroom.dev/secret-hash']).toMatch(/^[0-9a-f]{32}$/);

      // A plain value changes the pod template's env, not the secret hash.
      expect(
        (
          await request(server)
            .put(`${API}/environments/qa/variables/LOG_LEVEL`)
            .send({ kind: 'value', value: 'debug' })
        ).status,
      ).toBeLessThan(300);
      await settled(server, 'qa');
      const second = annotations();
      expect(
        double.get('Deployment', 'gr-qa', 'api')!.spec.template.spec
          .containers[0].env,
      ).toContainEqual({ name: 'LOG_LEVEL', value: 'debug' });
      expect(second['greenroom.dev/secret-hash']).toBe(
        first['greenroom.dev/secret-hash'],
      );

      // A new secret value rolls the pods.
      expect(
        (
          await request(server)
            .put(`${API}/environments/qa/variables/TOKEN`)
            .send({ kind: 'secret', value: 'second-value' })
        ).status,
      ).toBeLessThan(300);
      await settled(server, 'qa');
      expect(annotations()['greenroom.dev/secret-hash']).not.toBe(
        first['greenroom.dev/secret-hash'],
      );
      const outside = JSON.stringify(
        double.objects().filter(o => o.kind !== 'Secret'),
      );
      expect(outside).not.toContain('first-value');
      expect(outside).not.toContain('second-value');
    } finally {
      await double.stop();
    }
  });

  it('adds no runtime without clusters', async () => {
    const server = await backend({});
    const res = await request(server)
      .post(`${API}/environments`)
      .send(environment);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain("unknown runtime 'kubernetes'");
  });
});
