import type { AddressInfo } from 'node:net';
import {
  CreateDBInstanceCommand,
  DescribeDBInstancesCommand,
  type DBInstance,
  RDSClient,
} from '@aws-sdk/client-rds';
import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  TestDatabases,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  type EnvironmentRuntime,
  type ResolvedEnvironment,
  environmentsRuntimeExtensionPoint,
} from '@greenroom/plugin-environments-node';
// The ledger is the real plugin's; it exports it as its default only.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import environmentsPlugin from '@greenroom/plugin-environments-backend';
import { mockClient } from 'aws-sdk-client-mock';
import { environmentsModuleAwsRds } from './module';

/**
 * The cost ledger of a real backend bills a managed database by the class
 * and storage RDS reports, not the declared ones: a resize made in the AWS
 * console is billed from the observation that sees it.
 */

jest.setTimeout(120_000);

const rdsMock = mockClient(RDSClient);
const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
type Knex = Awaited<ReturnType<typeof databases.init>>;

/** Runs when the cluster runtime has applied (a test's fault injection). */
let afterApply: (() => void) | undefined;

/** A runtime that deploys nothing but is not simulated, so RDS is asked. */
const cluster: EnvironmentRuntime = {
  type: 'cluster',
  async plan() {
    return { runtime: 'cluster', changes: [] };
  },
  async apply(env) {
    afterApply?.();
    return observed(env);
  },
  async stop() {},
  async start() {},
  async destroy() {},
  async observe(env) {
    return observed(env);
  },
  async listManaged() {
    return [];
  },
};
function observed({ environment }: ResolvedEnvironment) {
  return {
    observedAt: new Date().toISOString(),
    services: environment.services.map(s => ({
      name: s.name,
      phase: 'running' as const,
      urls: [],
    })),
  };
}
const clusterModule = createBackendModule({
  pluginId: 'environments',
  moduleId: 'test-cluster',
  register(env) {
    env.registerInit({
      deps: { runtimes: environmentsRuntimeExtensionPoint },
      async init({ runtimes }) {
        runtimes.addRuntime(cluster);
      },
    });
  },
});

/** RDS as far as creating and describing instances goes. */
function fakeRds(faults: { failDescribes: number } = { failDescribes: 0 }) {
  const instances = new Map<string, DBInstance>();
  // By identifier, or by a `db-instance-id` filter.
  rdsMock.on(DescribeDBInstancesCommand).callsFake(input => {
    if (faults.failDescribes > 0) {
      faults.failDescribes -= 1;
      throw Object.assign(new Error('User is not authorized'), {
        name: 'AccessDenied',
      });
    }
    return {
      DBInstances: [...instances.values()].filter(i =>
        input.DBInstanceIdentifier
          ? i.DBInstanceIdentifier === input.DBInstanceIdentifier
          : input.Filters?.[0]?.Values?.includes(i.DBInstanceIdentifier!),
      ),
    };
  });
  rdsMock.on(CreateDBInstanceCommand).callsFake(input => {
    const id = input.DBInstanceIdentifier!;
    instances.set(id, {
      DBInstanceIdentifier: id,
      DBInstanceArn: `arn:aws:rds:eu-central-1:123456789012:db:${id}`,
      DBInstanceStatus: 'available',
      Engine: input.Engine,
      EngineVersion: input.EngineVersion,
      DBInstanceClass: input.DBInstanceClass,
      AllocatedStorage: input.AllocatedStorage,
      MasterUsername: input.MasterUsername,
      DBName: input.DBName,
      TagList: input.Tags,
      Endpoint: { Address: `${id}.rds.example.com`, Port: 5432 },
    });
    return { DBInstance: instances.get(id) };
  });
  return instances;
}

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

describe('the cost ledger of a managed database on AWS RDS', () => {
  beforeEach(() => rdsMock.reset());

  it.each(databases.eachSupportedId())(
    'bills the class and storage RDS reports, from the observation that sees a change, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const instances = fakeRds();
      // Scheduled tasks run only when the test runs them.
      const scheduler = mockServices.scheduler.mock();
      const created = await createQa(await startBackend(knex, scheduler));
      expect(created.status).toBe(202);
      await idle(knex);
      const operations = await knex('operations').select('status', 'error');
      expect(operations).toEqual([{ status: 'succeeded', error: null }]);
      const ledger = async () =>
        (await knex('service_intervals').orderBy(['started_at', 'id'])).map(
          r => [
            r.instance_class,
            Number(r.storage_gb),
            r.reason,
            r.ended_at === null,
          ],
        );
      expect(await ledger()).toEqual([['db.t4g.micro', 20, 'create', true]]);

      // Resized in the AWS console.
      expect(instances.size).toBe(1);
      for (const instance of instances.values()) {
        instance.DBInstanceClass = 'db.r6g.large';
        instance.AllocatedStorage = 100;
      }
      await new Promise(r => setTimeout(r, 1_100));
      await reconcileTask(scheduler);
      expect(await ledger()).toEqual([
        ['db.t4g.micro', 20, 'create', false],
        ['db.r6g.large', 100, 'observed', true],
      ]);

      // Seen again unchanged: the ledger does not grow.
      await new Promise(r => setTimeout(r, 1_100));
      await reconcileTask(scheduler);
      expect(await ledger()).toHaveLength(2);
    },
  );
});

describe('billing after an apply when RDS cannot be described', () => {
  beforeEach(() => rdsMock.reset());
  afterEach(() => {
    afterApply = undefined;
  });

  it.each(databases.eachSupportedId())(
    'finishes the applied step and bills the declared class until an observation succeeds, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const faults = { failDescribes: 0 };
      fakeRds(faults);
      // The describe right after the runtime applied (for billing) fails.
      afterApply = () => {
        faults.failDescribes = 1;
      };
      const scheduler = mockServices.scheduler.mock();
      const created = await createQa(await startBackend(knex, scheduler));
      expect(created.status).toBe(202);
      await idle(knex);
      expect(faults.failDescribes).toBe(0);
      expect(await knex('operations').select('status', 'error')).toEqual([
        { status: 'succeeded', error: null },
      ]);
      expect(
        (await knex('service_intervals')).map(r => [
          r.instance_class,
          Number(r.storage_gb),
          r.reason,
        ]),
      ).toEqual([['db.t4g.micro', 20, 'create']]);
    },
  );
});

/** The real plugin with the RDS module and the cluster runtime; its port. */
async function startBackend(
  knex: Knex,
  scheduler: ReturnType<typeof mockServices.scheduler.mock>,
): Promise<number> {
  const { server } = await startTestBackend({
    features: [
      environmentsPlugin,
      environmentsModuleAwsRds,
      clusterModule,
      mockServices.database.factory({ knex }),
      scheduler.factory,
      mockServices.rootConfig.factory({
        data: {
          environments: {
            secretsKey: 'test-secrets-key-that-is-long-enough',
            reconcile: { interval: '1s' },
            awsRds: {
              region: 'eu-central-1',
              subnetGroupName: 'greenroom',
              securityGroupIds: ['sg-0123'],
              pollInterval: '10ms',
            },
          },
        },
      }),
    ],
  });
  return (server.address() as AddressInfo).port;
}

/** Creates environment `qa` with a managed PostgreSQL on db.t4g.micro, 20 GB. */
function createQa(port: number) {
  return fetch(`http://localhost:${port}/api/environments/environments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      name: 'qa',
      system: 'shop',
      owner: 'team-shop',
      mode: 'development',
      runtime: { type: 'cluster' },
      services: [
        {
          name: 'orders-db',
          kind: 'database',
          database: {
            engine: 'postgresql',
            version: '16',
            mode: 'managed',
            instanceClass: 'db.t4g.micro',
            storageGb: 20,
          },
        },
      ],
    }),
  });
}

/** Runs one pass of the plugin's reconcile loop, as its scheduled task would. */
async function reconcileTask(
  scheduler: ReturnType<typeof mockServices.scheduler.mock>,
) {
  const task = scheduler.scheduleTask.mock.calls.find(
    ([t]) => t.id === 'environments-reconcile',
  )![0];
  await task.fn(new AbortController().signal);
}
