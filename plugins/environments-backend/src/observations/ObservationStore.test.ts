import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import type { ObservedState } from '@greenroom/plugin-environments-node';
import {
  newEnvironment,
  newOperation,
  setupStore,
} from '../storage/__testUtils__/storeFixtures';
import { ObservationStore } from './ObservationStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

const T = Date.parse('2026-03-02T09:00:00.000Z');
const at = (minutes: number) => new Date(T + minutes * 60_000);

async function setup(databaseId: TestDatabaseId) {
  const { knex, store } = await setupStore(databases, databaseId);
  const observations = new ObservationStore(knex);
  const create = async (name: string, status = 'running') => {
    const { environment } = await store.createEnvironment(
      newEnvironment(name),
      newOperation(),
    );
    await knex('environments').where({ id: environment.id }).update({ status });
    return environment.id;
  };
  return { knex, store, observations, create };
}

function observed(
  minutes: number,
  web: Partial<ObservedState['services'][number]>,
  drift?: ObservedState['drift'],
): ObservedState {
  return {
    observedAt: at(minutes).toISOString(),
    services: [
      {
        name: 'web',
        phase: 'running',
        urls: ['https://web.example.com'],
        internalUrls: ['http://web.gr-x.svc:8080'],
        replicas: { desired: 2, ready: 2 },
        image: 'ghcr.io/acme/web:1.0.0',
        ...web,
      },
    ],
    drift,
  };
}

describe('ObservationStore', () => {
  it.each(databases.eachSupportedId())(
    'keeps the transition time while the phase stays, and moves it when the phase changes, on %p',
    async databaseId => {
      const { observations, create } = await setup(databaseId);
      const id = await create('shop');

      await observations.record(id, observed(0, {}), at(1));
      await observations.record(id, observed(1, {}), at(2));
      let web = (await observations.forEnvironments([id]))
        .get(id)!
        .services.get('web')!;
      expect(web).toEqual({
        phase: 'running',
        replicas: { ready: 2, desired: 2 },
        image: 'ghcr.io/acme/web:1.0.0',
        publicUrls: ['https://web.example.com'],
        internalUrls: ['http://web.gr-x.svc:8080'],
        lastTransitionAt: at(0).toISOString(),
        observedAt: at(1).toISOString(),
      });

      await observations.record(
        id,
        observed(2, {
          phase: 'failed',
          replicas: { desired: 2, ready: 0 },
          message: 'CrashLoopBackOff: back-off restarting failed container',
        }),
        at(3),
      );
      web = (await observations.forEnvironments([id]))
        .get(id)!
        .services.get('web')!;
      expect(web.phase).toBe('failed');
      expect(web.lastTransitionAt).toBe(at(2).toISOString());
      expect(web.problem).toMatch(/CrashLoopBackOff/);
    },
  );

  it.each(databases.eachSupportedId())(
    'records and updates more services than one statement takes, on %p',
    async databaseId => {
      const { observations, create } = await setup(databaseId);
      const id = await create('shop');
      const many = (minutes: number, phase: 'running' | 'failed') => ({
        observedAt: at(minutes).toISOString(),
        services: Array.from({ length: 120 }, (_, i) => ({
          name: `svc-${i}`,
          phase: i === 7 ? phase : ('running' as const),
          urls: [],
        })),
      });
      await observations.record(id, many(0, 'running'), at(1));
      await observations.record(id, many(1, 'failed'), at(2));
      const services = (await observations.forEnvironments([id])).get(
        id,
      )!.services;
      expect(services.size).toBe(120);
      expect(services.get('svc-7')).toMatchObject({
        phase: 'failed',
        lastTransitionAt: at(1).toISOString(),
      });
      expect(services.get('svc-119')).toMatchObject({
        phase: 'running',
        lastTransitionAt: at(0).toISOString(),
        observedAt: at(1).toISOString(),
      });
    },
  );

  it.each(databases.eachSupportedId())(
    'forgets services no longer observed and stores drift, on %p',
    async databaseId => {
      const { observations, create } = await setup(databaseId);
      const id = await create('shop');
      await observations.record(
        id,
        {
          observedAt: at(0).toISOString(),
          services: [
            { name: 'web', phase: 'running', urls: [] },
            { name: 'worker', phase: 'running', urls: [] },
          ],
        },
        at(1),
      );
      await observations.record(
        id,
        {
          ...observed(1, {}, [
            {
              resource: 'Deployment/worker',
              service: 'worker',
              change: 'missing',
            },
          ]),
          entityAnnotations: {
            'backstage.io/kubernetes-namespace': 'gr-shop',
          },
        },
        at(2),
      );
      const stored = (await observations.forEnvironments([id])).get(id)!;
      expect([...stored.services.keys()]).toEqual(['web']);
      expect(stored.observation.entityAnnotations).toEqual({
        'backstage.io/kubernetes-namespace': 'gr-shop',
      });
      expect(stored.observation.drift).toEqual([
        { resource: 'Deployment/worker', service: 'worker', change: 'missing' },
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'counts failures in a row, keeps what was observed, and a success resets them, on %p',
    async databaseId => {
      const { observations, create } = await setup(databaseId);
      const id = await create('shop');
      await observations.record(id, observed(0, {}), at(1));

      expect(
        await observations.recordFailure(id, 'connect ECONNREFUSED', n =>
          at(1 + n),
        ),
      ).toBe(1);
      expect(
        await observations.recordFailure(id, 'connect ECONNREFUSED', n =>
          at(1 + n),
        ),
      ).toBe(2);
      // not due before the back-off the failures chose
      expect(await observations.due(at(2), 10)).toEqual([]);
      expect(await observations.due(at(3), 10)).toEqual([id]);
      let stored = (await observations.forEnvironments([id])).get(id)!;
      expect(stored.observation.failures).toBe(2);
      expect(stored.observation.lastError).toBe('connect ECONNREFUSED');
      expect(stored.services.get('web')!.phase).toBe('running');

      await observations.record(id, observed(5, {}), at(6));
      stored = (await observations.forEnvironments([id])).get(id)!;
      expect(stored.observation.failures).toBe(0);
      expect(stored.observation.lastError).toBeUndefined();
    },
  );

  it.each(databases.eachSupportedId())(
    'hands out running environments that are due, never observed first, on %p',
    async databaseId => {
      const { observations, create } = await setup(databaseId);
      const later = await create('later');
      const waiting = await create('waiting');
      const fresh = await create('fresh');
      await create('asleep', 'stopped');
      const provisioning = await create('provisioning', 'provisioning');
      await observations.record(later, observed(0, {}), at(10));
      await observations.record(waiting, observed(0, {}), at(1));

      expect(await observations.due(at(5), 10)).toEqual([fresh, waiting]);
      expect(await observations.due(at(5), 1)).toEqual([fresh]);
      expect(await observations.due(at(10), 10)).toEqual([
        fresh,
        waiting,
        later,
      ]);
      expect(await observations.due(at(10), 10)).not.toContain(provisioning);
    },
  );

  it.each(databases.eachSupportedId())(
    'marks every service stopped by a stop, from then on, on %p',
    async databaseId => {
      const { observations, create } = await setup(databaseId);
      const id = await create('shop');
      await observations.record(
        id,
        observed(0, { phase: 'failed', message: 'CrashLoopBackOff' }, [
          { resource: 'Deployment/web', change: 'missing' },
        ]),
        at(1),
      );
      await observations.markStopped(id, at(5));
      const stored = (await observations.forEnvironments([id])).get(id)!;
      expect(stored.services.get('web')).toMatchObject({
        phase: 'stopped',
        replicas: { ready: 0, desired: 2 },
        lastTransitionAt: at(5).toISOString(),
      });
      expect(stored.services.get('web')!.problem).toBeUndefined();
      expect(stored.observation.drift).toEqual([]);
    },
  );

  it.each(databases.eachSupportedId())(
    'goes with its environment, on %p',
    async databaseId => {
      const { knex, observations, create } = await setup(databaseId);
      const id = await create('shop');
      await observations.record(id, observed(0, {}), at(1));
      await knex('environments').where({ id }).delete();
      expect(await knex('service_observations').select()).toEqual([]);
      expect(await knex('environment_observations').select()).toEqual([]);
    },
  );
});
