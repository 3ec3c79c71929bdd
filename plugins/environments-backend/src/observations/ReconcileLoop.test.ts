import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import type { TestDatabaseId } from '@backstage/backend-test-utils';
import { TestRuntime } from '../engine/testing/TestRuntime';
import { RuntimeRegistry } from '../runtimes/RuntimeRegistry';
import {
  newEnvironment,
  newOperation,
  setupStore,
  web,
} from '../storage/__testUtils__/storeFixtures';
import { EnvironmentObserver } from './EnvironmentObserver';
import { ObservationStore } from './ObservationStore';
import {
  backoffMs,
  ReconcileLoop,
  type ReconcileSettings,
} from './ReconcileLoop';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

const settings: ReconcileSettings = {
  frequencyMs: 30_000,
  intervalMs: 60_000,
  maxBackoffMs: 600_000,
  pageSize: 2,
  concurrency: 2,
};

async function setup(databaseId: TestDatabaseId) {
  const { knex, store, clock } = await setupStore(databases, databaseId);
  const runtime = new TestRuntime();
  const runtimes = new RuntimeRegistry();
  runtimes.add(runtime);
  const observations = new ObservationStore(knex);
  const announced: string[] = [];
  const loop = new ReconcileLoop({
    store,
    observations,
    observer: new EnvironmentObserver({ store, runtimes }),
    logger: mockServices.logger.mock(),
    settings,
    announce: name => announced.push(name),
    now: clock.now,
  });
  const create = async (name: string, status = 'running') => {
    const { environment } = await store.createEnvironment(
      newEnvironment(name, {
        runtime: { type: 'test' },
        services: [{ ...web, customDomains: [], variables: [] }],
        variables: [{ key: 'TOKEN', kind: 'secret', value: 'tok-s3cret-77' }],
      }),
      newOperation(),
    );
    await knex('environments').where({ id: environment.id }).update({ status });
    return environment;
  };
  return { store, runtime, observations, loop, clock, create, announced };
}

describe('ReconcileLoop', () => {
  it.each(databases.eachSupportedId())(
    'turns a running environment degraded when a service starts failing, and back, on %p',
    async databaseId => {
      const { store, runtime, observations, loop, clock, create } = await setup(
        databaseId,
      );
      const shop = await create('shop');
      await create('asleep', 'stopped');

      expect(await loop.reconcile()).toEqual({
        observed: 1,
        failed: 0,
        changed: [],
      });
      expect(runtime.callsOf('observe').map(c => c.environment)).toEqual([
        'shop',
      ]);

      runtime.phases.web = 'failed';
      // not due yet: nothing is asked
      expect((await loop.reconcile()).observed).toBe(0);
      clock.tick(settings.intervalMs);
      expect(await loop.reconcile()).toMatchObject({ changed: ['shop'] });
      expect((await store.getEnvironment('shop'))!.status).toBe('degraded');
      const stored = (await observations.forEnvironments([shop.id])).get(
        shop.id,
      )!;
      expect(stored.services.get('web')!.phase).toBe('failed');

      runtime.phases.web = 'running';
      clock.tick(settings.intervalMs);
      await loop.reconcile();
      expect((await store.getEnvironment('shop'))!.status).toBe('running');
    },
  );

  it.each(databases.eachSupportedId())(
    'bills a scale change seen by an observation from then on, and grows the ledger only on a change, on %p',
    async databaseId => {
      const { store, runtime, loop, clock, create } = await setup(databaseId);
      const shop = await create('shop');
      await store.openServiceInterval(
        {
          environmentId: shop.id,
          serviceName: 'web',
          state: 'running',
          cpuCores: 0.5,
          memoryGb: 0.5,
          storageGb: 0,
          reason: 'create',
        },
        clock.now(),
      );
      const provisioned = {
        replicas: 2,
        cpuCores: 0.5,
        memoryGb: 0.5,
        storageGb: 0,
      };
      runtime.provisioned.web = provisioned;
      const ledger = async () =>
        (await store.listServiceIntervals(shop.id)).map(i => [
          i.cpuCores,
          i.reason,
          i.startedAt,
          i.endedAt,
        ]);

      // What runs is what was billed: nothing changes.
      await loop.reconcile();
      expect(await ledger()).toHaveLength(1);

      // Scaled to 5 replicas outside Greenroom.
      clock.tick(settings.intervalMs);
      const seenAt = clock.now().toISOString();
      runtime.provisioned.web = { ...provisioned, replicas: 5, cpuCores: 1.25 };
      expect((await loop.reconcile()).observed).toBe(1);
      // Observed every interval while nothing changes: the ledger stays.
      clock.tick(settings.intervalMs);
      expect((await loop.reconcile()).observed).toBe(1);
      expect(await ledger()).toEqual([
        [0.5, 'create', expect.any(String), seenAt],
        [1.25, 'observed', seenAt, undefined],
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'announces an environment whose services changed while its status did not, and only then, on %p',
    async databaseId => {
      const { runtime, loop, clock, create, announced } = await setup(
        databaseId,
      );
      await create('shop');
      await loop.reconcile();
      expect(announced).toEqual(['shop']);
      clock.tick(settings.intervalMs);
      await loop.reconcile();
      expect(announced).toEqual(['shop']);
      // pending is not failed: the status stays running, what readers see changes
      runtime.phases.web = 'pending';
      clock.tick(settings.intervalMs);
      await loop.reconcile();
      expect(announced).toEqual(['shop', 'shop']);
    },
  );

  it.each(databases.eachSupportedId())(
    'reads page after page until none is due, on %p',
    async databaseId => {
      const { runtime, loop, create } = await setup(databaseId);
      for (const name of ['a', 'b', 'c', 'd', 'e']) await create(name);
      expect((await loop.reconcile()).observed).toBe(5);
      expect(
        runtime
          .callsOf('observe')
          .map(c => c.environment)
          .sort(),
      ).toEqual(['a', 'b', 'c', 'd', 'e']);
    },
  );

  it.each(databases.eachSupportedId())(
    'backs off an environment whose observation fails, without touching its status, on %p',
    async databaseId => {
      const { store, runtime, observations, loop, clock, create } = await setup(
        databaseId,
      );
      const shop = await create('shop');
      runtime.failures.observe = [
        new Error('connect ECONNREFUSED'),
        // a runtime that echoes what it was given never leaks it into lastError
        new Error('connect ECONNREFUSED tok-s3cret-77'),
      ];

      expect(await loop.reconcile()).toMatchObject({ observed: 0, failed: 1 });
      clock.tick(backoffMs(1, settings) - 1);
      expect((await loop.reconcile()).failed).toBe(0);
      clock.tick(1);
      expect((await loop.reconcile()).failed).toBe(1);
      const stored = (await observations.forEnvironments([shop.id])).get(
        shop.id,
      )!;
      expect(stored.observation).toMatchObject({
        failures: 2,
        lastError: 'connect ECONNREFUSED ***',
      });
      expect((await store.getEnvironment('shop'))!.status).toBe('running');

      clock.tick(backoffMs(2, settings));
      expect((await loop.reconcile()).observed).toBe(1);
    },
  );

  it.each(databases.eachSupportedId())(
    'leaves the status an operation set while it looked, on %p',
    async databaseId => {
      const { store, runtime, observations, loop, create } = await setup(
        databaseId,
      );
      const shop = await create('shop');
      runtime.phases.web = 'failed';
      const observe = runtime.observe.bind(runtime);
      runtime.observe = async env => {
        // a stop begins while the runtime is being asked
        await store.updateEnvironmentStatus(shop.id, { status: 'stopping' });
        return observe(env);
      };
      await loop.reconcile();
      expect((await store.getEnvironment('shop'))!.status).toBe('stopping');
      // and what it saw of the services while stopping is not kept
      const shopId = (await store.getEnvironment('shop'))!.id;
      expect(
        (await observations.forEnvironments([shopId])).get(shopId),
      ).toBeUndefined();
    },
  );

  it('doubles the wait after each failure, up to the ceiling', () => {
    expect([0, 1, 2, 3, 4, 10].map(n => backoffMs(n, settings))).toEqual([
      60_000, 120_000, 240_000, 480_000, 600_000, 600_000,
    ]);
  });
});
