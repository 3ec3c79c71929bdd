import { TestDatabases } from '@backstage/backend-test-utils';
import {
  type CostInterval,
  DEFAULT_PRICE_RATES,
  summarizeCost,
} from '@greenroom/plugin-environments-common';
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
    'adds up the intervals of an environment that share state and times, pricing them the same, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await DatabaseEnvironmentsStore.forTest(knex, secrets);
      const environments = ['env-1', 'env-2'].map(id => ({
        id,
        name: id,
        owner: 'group:default/team',
        system: 'shop',
        mode: 'development',
      }));
      // env-1: three services started together, one stopped by a policy
      // at 07 and started again at 09 alone; a managed database.
      for (const [name, cpuCores] of [
        ['api', 0.5],
        ['web', 0.25],
        ['worker', 1.5],
      ] as const) {
        await store.openServiceInterval(
          { ...interval('env-1', name), cpuCores },
          at(1),
        );
      }
      await store.openServiceInterval(
        {
          ...interval('env-1', 'worker'),
          state: 'stopped',
          reason: 'auto-stop',
        },
        at(7),
      );
      await store.openServiceInterval(interval('env-1', 'worker'), at(9));
      await store.openServiceInterval(
        { ...interval('env-1', 'db'), instanceClass: 'db.t4g.micro' },
        at(1),
      );
      await store.openServiceInterval(
        { ...interval('env-1', 'db2'), instanceClass: 'db.t4g.micro' },
        at(1),
      );
      // env-2: two services started together, one of them ended before
      // the window.
      await store.openServiceInterval(interval('env-2', 'api'), at(2));
      await store.openServiceInterval(interval('env-2', 'web'), at(2));
      await store.openServiceInterval(interval('env-2', 'old'), at(0));
      await store.closeServiceIntervals('env-2', at(3), 'old');

      const summed = await store.sumCostIntervalsBetween(at(4), at(10));
      expect(
        summed.map(
          i =>
            `${i.environmentId} ${i.state} ${new Date(
              i.startedAt,
            ).getUTCHours()}-${
              i.endedAt === undefined
                ? 'open'
                : new Date(i.endedAt).getUTCHours()
            } cpu ${i.cpuCores} mem ${i.memoryGb} storage ${i.storageGb} ${
              i.instanceClass ?? '-'
            } ${i.reason ?? '-'}`,
        ),
      ).toEqual([
        'env-1 running 1-open cpu 0.75 mem 4 storage 6 - -',
        'env-1 running 1-open cpu 1 mem 2 storage 3 db.t4g.micro -',
        'env-1 running 1-open cpu 1 mem 2 storage 3 db.t4g.micro -',
        'env-1 running 1-7 cpu 1.5 mem 2 storage 3 - -',
        'env-2 running 2-open cpu 2 mem 4 storage 6 - -',
        'env-1 stopped 7-9 cpu 1 mem 2 storage 3 - auto-stop',
        'env-1 running 9-open cpu 1 mem 2 storage 3 - -',
      ]);

      // Priced the same as the intervals one by one, idle included.
      const activity = [{ environmentId: 'env-1', at: at(5).getTime() }];
      const price = (intervals: CostInterval[]) =>
        summarizeCost({
          environments,
          intervals,
          activity,
          rates: DEFAULT_PRICE_RATES,
          from: at(4),
          to: at(10),
          groupBy: 'environment',
        });
      const one = price(await store.listCostIntervalsBetween(at(4), at(10)));
      const grouped = price(summed);
      expect(grouped.rows.map(r => r.key)).toEqual(one.rows.map(r => r.key));
      grouped.rows.forEach((row, i) => {
        for (const part of [
          'total',
          'compute',
          'storage',
          'database',
          'idle',
          'idleHours',
          'savings',
        ] as const) {
          expect(row[part]).toBeCloseTo(one.rows[i][part], 10);
        }
      });
      expect(one.totals.idle).toBeGreaterThan(0);
      expect(one.totals.savings).toBeGreaterThan(0);
      expect(one.totals.database).toBeGreaterThan(0);
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
