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

async function backend(kubernetes: object) {
  const { server } = await startTestBackend({
    features: [
      environmentsPlugin,
      environmentsModuleKubernetes,
      mockServices.rootConfig.factory({
        data: {
          environments: {
            secretsKey: 'test-secrets-key-that-is-long-enough',
            kubernetes,
          },
        },
      }),
    ],
  });
  return server;
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

  it('adds no runtime without clusters', async () => {
    const server = await backend({});
    const res = await request(server)
      .post(`${API}/environments`)
      .send(environment);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain("unknown runtime 'kubernetes'");
  });
});
