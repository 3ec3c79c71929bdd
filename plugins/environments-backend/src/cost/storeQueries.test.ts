import { TestDatabases } from '@backstage/backend-test-utils';
import { DatabaseEnvironmentsStore } from '../storage/DatabaseEnvironmentsStore';
import { SecretBox } from '../secrets/SecretBox';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
const secrets = new SecretBox('a-test-key-that-is-long-enough-for-aes');
const at = (hour: number) => new Date(Date.UTC(2026, 0, 5, hour));

const interval = (environmentId: string, serviceName: string) => ({
  environmentId,
  serviceName,
  state: 'running' as const,
  cpuCores: 1,
  memoryGb: 2,
  storageGb: 3,
});

describe('cost queries of the store', () => {
  it.each(databases.eachSupportedId())(
    'lists intervals overlapping a window, of all environments, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await DatabaseEnvironmentsStore.forTest(knex, secrets);
      // env-1/before: 00-02, ends before the window [04, 10).
      await store.openServiceInterval(interval('env-1', 'before'), at(0));
      await store.closeServiceIntervals('env-1', at(2), 'before');
      // env-1/edge: 02-04, ends exactly at from: half-open, left out.
      await store.openServiceInterval(interval('env-1', 'edge'), at(2));
      await store.closeServiceIntervals('env-1', at(4), 'edge');
      // env-1/across: 03-05, overlaps the start.
      await store.openServiceInterval(interval('env-1', 'across'), at(3));
      await store.closeServiceIntervals('env-1', at(5), 'across');
      // env-2/open: from 06, still open.
      await store.openServiceInterval(interval('env-2', 'open'), at(6));
      // env-2/after: starts at to, left out.
      await store.openServiceInterval(interval('env-2', 'after'), at(10));

      const intervals = await store.listIntervalsBetween(at(4), at(10));
      expect(intervals.map(i => `${i.environmentId}/${i.serviceName}`)).toEqual(
        ['env-1/across', 'env-2/open'],
      );
      expect(intervals[0]).toEqual({
        ...interval('env-1', 'across'),
        startedAt: at(3).toISOString(),
        endedAt: at(5).toISOString(),
      });
      expect(intervals[1].endedAt).toBeUndefined();

      // The cost math's variant: the same intervals, times in milliseconds.
      const costIntervals = await store.listCostIntervalsBetween(at(4), at(10));
      expect(costIntervals).toEqual(
        intervals.map(i => ({
          ...i,
          startedAt: Date.parse(i.startedAt),
          ...(i.endedAt ? { endedAt: Date.parse(i.endedAt) } : {}),
        })),
      );
    },
  );

  it.each(databases.eachSupportedId())(
    'lists activity inside a window, of all environments, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await DatabaseEnvironmentsStore.forTest(knex, secrets);
      await knex('activity').insert([
        { environment_id: 'env-1', kind: 'view', at: at(1).getTime() },
        { environment_id: 'env-2', kind: 'view', at: at(4).getTime() },
        { environment_id: 'env-1', kind: 'deploy', at: at(7).getTime() },
        { environment_id: 'env-1', kind: 'view', at: at(10).getTime() },
      ]);
      await expect(store.listActivityBetween(at(4), at(10))).resolves.toEqual([
        { environmentId: 'env-2', at: at(4).toISOString() },
        { environmentId: 'env-1', at: at(7).toISOString() },
      ]);
      await expect(
        store.listActivityTimesBetween(at(4), at(10)),
      ).resolves.toEqual([
        { environmentId: 'env-2', at: at(4).getTime() },
        { environmentId: 'env-1', at: at(7).getTime() },
      ]);
    },
  );
});
