import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import type { EnvironmentMode } from '@greenroom/plugin-environments-common';
import { ObservationStore } from '../observations/ObservationStore';
import {
  newEnvironment,
  newOperation,
  setupStore,
  web,
} from '../storage/__testUtils__/storeFixtures';
import type { StoredEnvironment } from '../storage/types';
import { WakeRateLimitedError, WakeService } from './WakeService';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

async function setup(
  databaseId: TestDatabaseId,
  mode: EnvironmentMode = 'preview',
) {
  const { knex, store, clock } = await setupStore(databases, databaseId);
  const observations = new ObservationStore(knex);
  const { environment } = await store.createEnvironment(
    newEnvironment('pr-acme-shop-7', {
      mode,
      services: [{ ...web, customDomains: [], variables: [] }],
    }),
    newOperation(),
  );
  await knex('environments')
    .where({ id: environment.id })
    .update({ status: 'stopped', desired_state: 'stopped' });
  const starts: string[] = [];
  const wake = new WakeService({
    store,
    observations,
    startEnvironment: async (env: StoredEnvironment, key: string) => {
      starts.push(key);
      const { operation } = await store.createOperation(
        env.id,
        newOperation({
          type: 'start',
          steps: ['start', 'observe'],
          idempotencyKey: key,
        }),
      );
      await knex('environments')
        .where({ id: env.id })
        .update({ status: 'starting', desired_state: 'running' });
      return operation;
    },
    settings: {
      enabled: true,
      modes: ['preview', 'development'],
      startsPerClientPerHour: 3,
      startWindowMs: 60_000,
    },
    now: clock.now,
  });
  return { knex, store, observations, wake, starts, clock, id: environment.id };
}

describe('WakeService', () => {
  it.each(databases.eachSupportedId())(
    'starts a sleeping preview once per window, counts it as activity, then forwards to the running service, on %p',
    async databaseId => {
      const { knex, store, observations, wake, starts, clock, id } =
        await setup(databaseId);
      clock.tick(3_600_000);

      const first = await wake.start('pr-acme-shop-7', 'web', '10.0.0.1');
      expect(first).toMatchObject({
        state: 'starting',
        steps: [
          { name: 'start', status: 'queued' },
          { name: 'observe', status: 'queued' },
        ],
      });
      // a visit is activity: the idle policy starts counting again
      expect(
        (await store.getEnvironment('pr-acme-shop-7'))!.lastActivityAt,
      ).toBe(clock.now().toISOString());
      // a second visitor in the same window shares the start
      await knex('environments')
        .where({ id })
        .update({ status: 'stopped', desired_state: 'stopped' });
      await wake.start('pr-acme-shop-7', 'web', '10.0.0.2');
      expect(starts).toHaveLength(2);
      expect(new Set(starts).size).toBe(1);

      await knex('environments').where({ id }).update({ status: 'running' });
      await observations.record(
        id,
        {
          observedAt: clock.now().toISOString(),
          services: [
            {
              name: 'web',
              phase: 'running',
              urls: ['https://pr-7.shop.example.com'],
            },
          ],
        },
        clock.now(),
      );
      expect(await wake.status('pr-acme-shop-7', 'web')).toMatchObject({
        state: 'ready',
        url: 'https://pr-7.shop.example.com',
      });
    },
  );

  it.each(databases.eachSupportedId())(
    'refuses production and unknown services without starting anything, on %p',
    async databaseId => {
      const { wake, starts } = await setup(databaseId, 'production');
      expect(
        await wake.start('pr-acme-shop-7', 'web', '10.0.0.1'),
      ).toMatchObject({
        state: 'refused',
        message: expect.stringMatching(/production/),
      });
      expect(await wake.start('pr-acme-shop-7', 'nope', '10.0.0.1')).toEqual({
        state: 'refused',
        message: 'There is no service nope in an environment pr-acme-shop-7.',
      });
      expect(await wake.start('missing', 'web', '10.0.0.1')).toEqual({
        state: 'refused',
        message: 'There is no service web in an environment missing.',
      });
      expect(starts).toEqual([]);
    },
  );

  it.each(databases.eachSupportedId())(
    'limits the starts one visitor may ask for in an hour, on %p',
    async databaseId => {
      const { knex, wake, clock, id } = await setup(databaseId);
      const sleep = () =>
        knex('environments')
          .where({ id })
          .update({ status: 'stopped', desired_state: 'stopped' });
      for (let i = 0; i < 3; i++) {
        await wake.start('pr-acme-shop-7', 'web', '10.0.0.1');
        await sleep();
        clock.tick(60_000);
      }
      await expect(
        wake.start('pr-acme-shop-7', 'web', '10.0.0.1'),
      ).rejects.toThrow(WakeRateLimitedError);
      // another visitor, or the next hour, is not limited
      await expect(
        wake.start('pr-acme-shop-7', 'web', '10.0.0.2'),
      ).resolves.toMatchObject({ state: 'starting' });
      await sleep();
      clock.tick(3_600_000);
      await expect(
        wake.start('pr-acme-shop-7', 'web', '10.0.0.1'),
      ).resolves.toMatchObject({ state: 'starting' });
    },
  );

  it.each(databases.eachSupportedId())(
    'says a start failed without showing the error to a visitor, on %p',
    async databaseId => {
      const { knex, wake, clock, id } = await setup(databaseId);
      clock.tick(1_000);
      await wake.start('pr-acme-shop-7', 'web', '10.0.0.1');
      await knex('operations')
        .where({ environment_id: id, type: 'start' })
        .update({ status: 'failed', error: 'secret internal detail' });
      const answer = await wake.status('pr-acme-shop-7', 'web');
      expect(answer.state).toBe('failed');
      expect(answer.message).not.toMatch(/secret internal/);
    },
  );
});
