import {
  TestDatabases,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
// The ledger is the real plugin's; it exports it as its default only.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import environmentsPlugin from '@greenroom/plugin-environments-backend';
import request from 'supertest';
import { requestDouble } from './__testUtils__/runtimeHarness';
import { environmentsModuleKubernetes } from './module';
import { KubernetesApiDouble } from './testing/KubernetesApiDouble';

/**
 * The cost ledger of a real backend on the Kubernetes runtime bills what the
 * cluster holds: no volume for an application that declares one, a volume
 * per database replica, and replicas scaled with kubectl once the reconcile
 * loop sees them.
 */

jest.setTimeout(120_000);

const API = '/api/environments';
const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
type Knex = Awaited<ReturnType<typeof databases.init>>;

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
      ports: [{ port: 8080, public: false }],
      replicas: 2,
      resources: { cpu: '500m', memory: '512Mi', storage: '5Gi' },
    },
    {
      name: 'db',
      kind: 'database',
      replicas: 3,
      resources: { cpu: '250m', memory: '1Gi' },
      database: { engine: 'postgresql', version: '16', storageGb: 2 },
    },
  ],
};

/** Waits until no operation is queued or running. */
async function idle(knex: Knex) {
  for (let i = 0; i < 600; i++) {
    const [{ n }] = await knex('operations')
      .whereIn('status', ['queued', 'running'])
      .count({ n: '*' });
    if (Number(n) === 0) return;
    await new Promise(r => setTimeout(r, 50));
  }
  throw new Error('operations did not finish');
}

/** Each service's ledger: [service, cpu cores, storage GB, reason, open]. */
async function ledger(knex: Knex) {
  const rows = await knex('service_intervals').orderBy(['started_at', 'id']);
  return rows.map(r => [
    r.service_name,
    Number(r.cpu_cores),
    Number(r.storage_gb),
    r.reason,
    r.ended_at === null,
  ]);
}

describe('the cost ledger on the kubernetes runtime', () => {
  let double: KubernetesApiDouble;
  beforeEach(async () => {
    double = await KubernetesApiDouble.start({ rolloutDelayMs: 20 });
  });
  afterEach(() => double.stop());

  it.each(databases.eachSupportedId())(
    'bills what the cluster holds and follows kubectl scale, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      // Scheduled tasks run only when the test runs them.
      const scheduler = mockServices.scheduler.mock();
      const { server } = await startTestBackend({
        features: [
          environmentsPlugin,
          environmentsModuleKubernetes,
          mockServices.database.factory({ knex }),
          scheduler.factory,
          mockServices.rootConfig.factory({
            data: {
              environments: {
                secretsKey: 'test-secrets-key-that-is-long-enough',
                reconcile: { interval: '1s' },
                kubernetes: {
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
              },
            },
          }),
        ],
      });
      const created = await request(server)
        .post(`${API}/environments`)
        .send(environment);
      expect(created.status).toBe(202);
      await idle(knex);
      expect(
        (await request(server).get(`${API}/environments/qa`)).body.status,
      ).toBe('running');

      // The application's 5Gi were never provisioned; the database has
      // a 2Gi claim for each of its 3 replicas.
      expect(await ledger(knex)).toEqual([
        ['api', 1, 0, 'create', true],
        ['db', 0.75, 6, 'create', true],
      ]);

      // kubectl scale deployment/api --replicas=4
      const scaled = await requestDouble(
        double,
        'PATCH',
        '/apis/apps/v1/namespaces/gr-qa/deployments/api',
        { spec: { replicas: 4 } },
      );
      expect(scaled.status).toBe(200);
      const reconcile = async () => {
        // Due again once the reconcile interval has passed.
        await new Promise(r => setTimeout(r, 1_100));
        await reconcileTask(scheduler);
      };
      await reconcile();
      expect(await ledger(knex)).toEqual([
        ['api', 1, 0, 'create', false],
        ['db', 0.75, 6, 'create', true],
        ['api', 2, 0, 'observed', true],
      ]);

      // Observed again with nothing changed: the ledger does not grow.
      const observedBefore = await knex('environment_observations').first();
      await reconcile();
      const observedAfter = await knex('environment_observations').first();
      expect(observedAfter).not.toEqual(observedBefore);
      expect(await ledger(knex)).toHaveLength(3);
    },
  );
});

/** Runs one pass of the plugin's reconcile loop, as its scheduled task would. */
async function reconcileTask(
  scheduler: ReturnType<typeof mockServices.scheduler.mock>,
) {
  const task = scheduler.scheduleTask.mock.calls.find(
    ([t]) => t.id === 'environments-reconcile',
  )![0];
  await task.fn(new AbortController().signal);
}
