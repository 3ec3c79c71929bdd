import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import type {
  OperationType,
  Service,
} from '@greenroom/plugin-environments-common';
import { DatabaseEnvironmentsStore } from '../storage/DatabaseEnvironmentsStore';
import { LocalRuntime } from '../runtimes/LocalRuntime';
import { RuntimeRegistry } from '../runtimes/RuntimeRegistry';
import { SecretBox } from '../secrets/SecretBox';
import { OperationEngine } from './OperationEngine';
import { stepsFor } from './steps';
import { TestRuntime } from './testing/TestRuntime';

// The cost ledger as operations write it: from what the runtime provisioned.

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
const secrets = new SecretBox('engine-tests-key-long-enough-for-aes-256');

/** An application that declares a volume no runtime makes for it. */
const api: Service = {
  name: 'api',
  kind: 'application',
  ports: [{ port: 8080, public: false }],
  resources: { cpu: '500m', memory: '512Mi', storage: '10Gi' },
  replicas: 2,
  customDomains: [],
  variables: [],
};
const db: Service = {
  name: 'db',
  kind: 'database',
  ports: [],
  resources: { cpu: '250m', memory: '1Gi' },
  replicas: 3,
  database: {
    engine: 'postgresql',
    version: '16',
    mode: 'container',
    storageGb: 20,
  },
  customDomains: [],
  variables: [],
};

const engines: OperationEngine[] = [];
afterEach(async () => {
  await Promise.all(engines.splice(0).map(engine => engine.stop()));
});

async function setup(
  databaseId: Parameters<typeof databases.init>[0],
  runtimeType: 'test' | 'local',
) {
  const knex = await databases.init(databaseId);
  const store = await DatabaseEnvironmentsStore.forTest(knex, secrets);
  const runtime = new TestRuntime();
  const runtimes = new RuntimeRegistry();
  runtimes.add(runtime);
  runtimes.add(
    new LocalRuntime({ logger: mockServices.logger.mock(), delayMs: 1 }),
  );
  const engine = new OperationEngine({
    store,
    runtimes,
    logger: mockServices.logger.mock(),
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
  });
  engines.push(engine);
  const { environment } = await store.createEnvironment(
    {
      name: 'shop-dev',
      title: 'shop-dev',
      system: 'system:default/shop',
      owner: 'group:default/team-shop',
      mode: 'development',
      runtime: { type: runtimeType },
      services: [api, db],
      variables: [],
      policy: { priority: 50 },
      desiredState: 'running',
      status: 'provisioning',
      origin: { type: 'manual' },
      attention: [],
      createdBy: 'user:default/guest',
    },
    {
      type: 'create',
      steps: stepsFor('create'),
      requestedBy: 'user:default/guest',
    },
  );
  async function run(type?: OperationType) {
    if (type) {
      await store.createOperation(environment.id, {
        type,
        steps: stepsFor(type),
        requestedBy: 'user:default/guest',
      });
    }
    expect(await engine.runOnce()).toMatchObject({ status: 'succeeded' });
  }
  /** The ledger of a service: [state, cpu, storage, reason, open]. */
  async function ledgerOf(service: string) {
    return (await store.listServiceIntervals(environment.id))
      .filter(i => i.serviceName === service)
      .map(i => [i.state, i.cpuCores, i.storageGb, i.reason, !i.endedAt]);
  }
  return { runtime, run, ledgerOf };
}

describe('the cost ledger of operations', () => {
  it.each(databases.eachSupportedId())(
    'bills no volume for an application and one per database replica on the local runtime, on %p',
    async databaseId => {
      const { run, ledgerOf } = await setup(databaseId, 'local');
      await run();

      // The demo's probe: the declared 10Gi of the application cost nothing.
      expect(await ledgerOf('api')).toEqual([
        ['running', 1, 0, 'create', true],
      ]);
      expect(await ledgerOf('db')).toEqual([
        ['running', 0.75, 60, 'create', true],
      ]);

      // Stopped: the database's volumes stay, and nothing else grows.
      await run('stop');
      await run('start');
      expect(await ledgerOf('db')).toEqual([
        ['running', 0.75, 60, 'create', false],
        ['stopped', 0.75, 60, 'stop', false],
        ['running', 0.75, 60, 'start', true],
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'bills what the runtime reports, and an observed change from then on, on %p',
    async databaseId => {
      const { runtime, run, ledgerOf } = await setup(databaseId, 'test');
      runtime.provisioned.api = {
        replicas: 1,
        cpuCores: 0.5,
        memoryGb: 0.5,
        storageGb: 0,
      };
      await run();
      // db: the runtime says nothing, so its spec is billed as before.
      expect(await ledgerOf('db')).toEqual([
        ['running', 0.75, 20, 'create', true],
      ]);
      expect(await ledgerOf('api')).toEqual([
        ['running', 0.5, 0, 'create', true],
      ]);

      // Scaled up behind Greenroom's back; the start reports it.
      runtime.provisioned.api = { ...runtime.provisioned.api, cpuCores: 1.5 };
      await run('stop');
      await run('start');
      expect(await ledgerOf('api')).toEqual([
        ['running', 0.5, 0, 'create', false],
        // A stop keeps the reservation it stopped.
        ['stopped', 0.5, 0, 'stop', false],
        ['running', 1.5, 0, 'start', true],
      ]);
      expect(await ledgerOf('db')).toHaveLength(3);
    },
  );

  it.each(databases.eachSupportedId())(
    'opens an observed interval only when an observe step sees a change, on %p',
    async databaseId => {
      const { runtime, run, ledgerOf } = await setup(databaseId, 'test');
      runtime.provisioned.api = {
        replicas: 1,
        cpuCores: 0.5,
        memoryGb: 0.5,
        storageGb: 0,
      };
      await run();
      // apply and observe agree: one interval.
      expect(await ledgerOf('api')).toHaveLength(1);

      // This apply does not say what it provisioned, so the spec is billed
      // (2 × 500m and the declared 10Gi); the observe step after it sees
      // what runs: 2 cores and no volume.
      runtime.handlers.apply = async env => ({
        observedAt: new Date().toISOString(),
        services: env.environment.services.map(s => ({
          name: s.name,
          phase: 'running' as const,
          urls: [],
        })),
      });
      runtime.provisioned.api = { ...runtime.provisioned.api, cpuCores: 2 };
      await run('update');
      expect(await ledgerOf('api')).toEqual([
        ['running', 0.5, 0, 'create', false],
        ['running', 1, 10, 'update', false],
        ['running', 2, 0, 'observed', true],
      ]);
    },
  );
});
