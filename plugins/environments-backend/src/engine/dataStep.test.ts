import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import type {
  CloneDataStep,
  Service,
} from '@greenroom/plugin-environments-common';
import { db, newEnvironment } from '../storage/__testUtils__/storeFixtures';
import { DatabaseCredentialStore } from '../managedDatabases/DatabaseCredentialStore';
import { RuntimeRegistry } from '../runtimes/RuntimeRegistry';
import { SecretBox } from '../secrets/SecretBox';
import { DatabaseEnvironmentsStore } from '../storage/DatabaseEnvironmentsStore';
import {
  OperationEngine,
  type OperationEngineOptions,
} from './OperationEngine';
import { stepsFor } from './steps';
import { interceptStore } from './testing/interceptStore';
import { TestRuntime } from './testing/TestRuntime';
import { waitFor } from './testing/waitFor';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
const secrets = new SecretBox('data-step-tests-key-long-enough-for-aes');
const SOURCE_SECRET = 'sk_live_source_canary_0123456789';

const database = (name: string): Service => ({ ...db, name });

const rules = {
  sensitive: ['customers.email'],
  rules: [{ column: 'customers.email', transform: 'email' as const }],
  subset: [{ table: 'orders', limit: 10 }],
};
const seed = { sql: 'CREATE TABLE users (id int)' };
const data: CloneDataStep[] = [
  {
    service: 'orders-db',
    engine: 'postgresql',
    action: 'copy',
    detail: 'copied',
    rules,
  },
  {
    service: 'users-db',
    engine: 'postgresql',
    action: 'run-seed',
    detail: 'seeded',
    seed,
  },
];
const never = () => new Promise<never>(() => {});

const engines: OperationEngine[] = [];
afterEach(async () => {
  await Promise.all(engines.splice(0).map(engine => engine.stop()));
});

async function setup(databaseId: Parameters<typeof databases.init>[0]) {
  const knex = await databases.init(databaseId);
  const store = await DatabaseEnvironmentsStore.forTest(knex, secrets);
  const credentials = new DatabaseCredentialStore(knex, secrets);
  const runtime = new TestRuntime();
  const runtimes = new RuntimeRegistry();
  runtimes.add(runtime);

  const environment = (
    name: string,
    extra: Parameters<typeof newEnvironment>[1],
  ) =>
    newEnvironment(name, {
      runtime: { type: 'test' },
      services: [database('orders-db'), database('users-db')],
      ...extra,
    });

  const { environment: source } = await store.createEnvironment(
    environment('staging', {
      mode: 'staging',
      variables: [{ key: 'STRIPE_KEY', kind: 'secret', value: SOURCE_SECRET }],
    }),
    { type: 'create', steps: stepsFor('create'), requestedBy: 'user:x' },
  );
  const input = { source: 'staging', dataPolicy: 'copy', data };
  const { environment: clone, operation } = await store.createEnvironment(
    environment('dev', {
      origin: { type: 'clone', sourceEnvironmentId: source.id },
    }),
    {
      type: 'clone',
      steps: stepsFor('clone', input),
      requestedBy: 'user:x',
      input,
    },
  );

  function newEngine(options: Partial<OperationEngineOptions> = {}) {
    const engine = new OperationEngine({
      store,
      runtimes,
      logger: mockServices.logger.mock(),
      credentials,
      retry: { baseDelayMs: 1, maxDelayMs: 5 },
      dataProgressIntervalMs: 60_000,
      ...options,
    });
    engines.push(engine);
    return engine;
  }
  // The source's own create runs first.
  await newEngine().runOnce();
  return { store, runtime, clone, operation, newEngine };
}

describe('stepsFor', () => {
  it('adds a data step before observe only to clones that copy or seed', () => {
    const empty = { data: [{ service: 'db', action: 'empty' }] };
    expect(stepsFor('clone', empty)).toEqual(['resolve', 'apply', 'observe']);
    expect(stepsFor('clone', { data })).toEqual([
      'resolve',
      'apply',
      'data',
      'observe',
    ]);
    expect(stepsFor('create', { data })).toEqual([
      'resolve',
      'apply',
      'observe',
    ]);
  });
});

describe('the data step of a clone', () => {
  it.each(databases.eachSupportedId())(
    'loads each database after apply with the source and a key stable for the operation, and says what it wrote, on %p',
    async databaseId => {
      const { store, runtime, operation, newEngine } = await setup(databaseId);
      const progressSeen: (string | undefined)[] = [];
      runtime.handlers.loadData = async (_env, load, ctx) => {
        if (load.action === 'seed') return { rows: 0, tables: [] };
        ctx.progress({ rows: 12_400, table: 'public.orders' });
        // Within the interval: not written.
        ctx.progress({ rows: 12_500, table: 'public.orders' });
        await waitFor(async () => {
          const live = await store.getOperation(operation.id);
          const message = live!.steps.find(s => s.name === 'data')!.message;
          progressSeen.push(message);
          return message;
        });
        return {
          rows: 52_113,
          tables: Array.from({ length: 6 }, (_, i) => ({
            table: `public.t${i}`,
            rows: i,
          })),
        };
      };

      const result = await newEngine().runOnce();

      expect(result).toMatchObject({ id: operation.id, status: 'succeeded' });
      expect(result!.steps.map(s => [s.name, s.status])).toEqual([
        ['resolve', 'succeeded'],
        ['apply', 'succeeded'],
        ['data', 'succeeded'],
        ['observe', 'succeeded'],
      ]);
      expect(progressSeen.filter(Boolean)).toEqual([
        'orders-db: 12,400 rows (public.orders)',
      ]);
      expect(result!.steps[2].message).toBe(
        'orders-db: 52,113 rows in 6 tables; users-db: seeded',
      );
      expect(
        runtime.calls
          .filter(c => c.environment === 'dev')
          .map(c => c.load?.service ?? c.method),
      ).toEqual(['apply', 'orders-db', 'users-db', 'observe']);

      const [copy, seeding] = runtime
        .callsOf('loadData', 'dev')
        .map(c => c.load!);
      expect(copy).toMatchObject({ action: 'copy', engine: 'postgresql' });
      expect(copy.rules).toEqual(rules);
      expect(copy.source!.environment.name).toBe('staging');
      // The runtime reaches the source with its credentials and secrets.
      expect(
        copy.source!.variables.environment.find(v => v.key === 'STRIPE_KEY')
          ?.value,
      ).toBe(SOURCE_SECRET);
      expect(
        copy.source!.variables.environment.find(
          v => v.key === 'GR_ORDERS_DB_PASSWORD',
        )?.value,
      ).toEqual(expect.any(String));
      expect(copy.transformKey).toBe(secrets.dataTransformKey(operation.id));
      expect(seeding).toMatchObject({ action: 'seed', seed });
      expect(seeding.transformKey).toBe(copy.transformKey);
      expect(JSON.stringify(result)).not.toContain(copy.transformKey);
    },
  );

  it.each(databases.eachSupportedId())(
    'resumes after a crash between databases without loading the finished one again, on %p',
    async databaseId => {
      const { store, runtime, operation, newEngine } = await setup(databaseId);
      const loaded: string[] = [];
      runtime.handlers.loadData = async (_env, load) => {
        loaded.push(load.service);
        if (load.service === 'users-db' && loaded.length === 2) {
          await never(); // engine A dies while seeding the second database
        }
        return { rows: 3, tables: [{ table: 'public.x', rows: 3 }] };
      };

      let dead = false;
      const engineA = newEngine({
        store: interceptStore(store, (_method, _args, next) =>
          dead ? never() : next(),
        ),
        ownerId: 'engine-a',
        leaseMs: 300,
      });
      void engineA.runOnce();
      await waitFor(async () => {
        const op = await store.getOperation(operation.id);
        return op?.checkpoints['data/orders-db'] && loaded.length === 2;
      });
      dead = true;

      const engineB = newEngine({ ownerId: 'engine-b', leaseMs: 300 });
      const result = await waitFor(() => engineB.runOnce(), 5_000);

      expect(result).toMatchObject({ id: operation.id, status: 'succeeded' });
      expect(loaded).toEqual(['orders-db', 'users-db', 'users-db']);
      expect(result.steps[2].message).toBe(
        'orders-db: 3 rows in 1 table; users-db: 3 rows in 1 table',
      );
    },
  );

  it.each(databases.eachSupportedId())(
    'fails the operation on a failed load and leaves an attention item saying why, without secrets, on %p',
    async databaseId => {
      const { store, runtime, clone, newEngine } = await setup(databaseId);
      runtime.handlers.loadData = async (_env, load) => {
        const secret = load.source?.variables.environment.find(
          v => v.key === 'STRIPE_KEY',
        )?.value;
        throw new Error(`pg_dump: could not connect (password ${secret})`);
      };

      const result = await newEngine().runOnce();

      expect(result!.status).toBe('failed');
      expect(result!.steps.map(s => [s.name, s.status])).toEqual([
        ['resolve', 'succeeded'],
        ['apply', 'succeeded'],
        ['data', 'failed'],
        ['observe', 'cancelled'],
      ]);
      expect(result!.error).toBe(
        'Step data failed: orders-db: pg_dump: could not connect (password ***)',
      );
      expect(runtime.callsOf('loadData', 'dev')).toHaveLength(1);
      const after = await store.getEnvironmentById(clone.id);
      expect(after!.status).toBe('failed');
      expect(after!.attention).toEqual([
        {
          item: 'data:orders-db',
          reason:
            'orders-db was left empty: loading its data failed (pg_dump: could not connect (password ***))',
        },
      ]);
      expect(JSON.stringify([result, after])).not.toContain(SOURCE_SECRET);
    },
  );
});
