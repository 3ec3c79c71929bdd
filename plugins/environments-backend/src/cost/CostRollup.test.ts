import { TestDatabases } from '@backstage/backend-test-utils';
import {
  DEFAULT_PRICE_RATES,
  type PriceRates,
} from '@greenroom/plugin-environments-common';
import { DatabaseEnvironmentsStore } from '../storage/DatabaseEnvironmentsStore';
import type { NewEnvironment } from '../storage/types';
import { SecretBox } from '../secrets/SecretBox';
import { CostRollup } from './CostRollup';
import { CostService } from './CostService';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
const secrets = new SecretBox('a-test-key-that-is-long-enough-for-aes');
const at = (day: number, hour = 0) => new Date(Date.UTC(2026, 0, day, hour));

function environment(name: string, owner: string): NewEnvironment {
  return {
    name,
    title: name,
    system: 'system:default/shop',
    owner,
    mode: 'development',
    runtime: { type: 'local' },
    services: [],
    variables: [],
    policy: { idleAfter: '2h', priority: 50 },
    desiredState: 'running',
    status: 'running',
    origin: { type: 'manual' },
    attention: [],
    createdBy: 'user:default/guest',
  };
}

const ALL = { allow: 'all' } as const;

describe('daily cost rollup', () => {
  it.each(databases.eachSupportedId())(
    'answers reports from rolled-up days exactly as from the ledger on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await DatabaseEnvironmentsStore.forTest(knex, secrets);
      const ids: string[] = [];
      for (const [name, owner] of [
        ['dev-ada', 'group:default/team-shop'],
        ['dev-bob', 'group:default/platform'],
      ]) {
        const { environment: created } = await store.createEnvironment(
          environment(name, owner),
          {
            type: 'create',
            steps: ['apply'],
            requestedBy: 'user:default/guest',
          },
        );
        ids.push(created.id);
      }
      const reservation = { cpuCores: 2, memoryGb: 4, storageGb: 10 };
      // dev-ada runs from Jan 5 06:00, stops Jan 6 18:00 (auto-stop), stays stopped.
      await store.openServiceInterval(
        {
          environmentId: ids[0],
          serviceName: 'web',
          state: 'running',
          ...reservation,
        },
        at(5, 6),
      );
      await store.closeServiceIntervals(ids[0], at(6, 18), 'web');
      await store.openServiceInterval(
        {
          environmentId: ids[0],
          serviceName: 'web',
          state: 'stopped',
          reason: 'auto-stop',
          ...reservation,
        },
        at(6, 18),
      );
      // dev-bob runs all the time, with some activity.
      await store.openServiceInterval(
        {
          environmentId: ids[1],
          serviceName: 'api',
          state: 'running',
          ...reservation,
        },
        at(4, 0),
      );
      await knex('activity').insert([
        { environment_id: ids[1], kind: 'view', at: at(5, 9).getTime() },
        { environment_id: ids[1], kind: 'deploy', at: at(6, 14).getTime() },
      ]);

      let now = at(8, 12);
      let rates: PriceRates = DEFAULT_PRICE_RATES;
      const rollup = new CostRollup(knex, store);
      const withRollup = new CostService({
        store,
        rates,
        rollup,
        priceSource: { getRates: async () => rates },
        now: () => now,
      });
      const ledgerOnly = new CostService({
        store,
        rates,
        priceSource: { getRates: async () => rates },
        now: () => now,
      });
      const query = {
        groupBy: 'owner' as const,
        from: '2026-01-05',
        to: '2026-01-08T12:00:00Z',
      };
      const expected = await ledgerOnly.summary(ALL, query);
      expect(expected.totals.total).toBeGreaterThan(0);
      expect(expected.totals.savings).toBeGreaterThan(0);

      // Jan 7 and every earlier day of the backfill are rolled up, not today.
      const days = await withRollup.rollUp();
      expect(days).toContain('2026-01-05');
      expect(days).toContain('2026-01-07');
      expect(days).not.toContain('2026-01-08');
      const rows = await knex('cost_daily').where({ day: '2026-01-06' });
      expect(rows.map(r => r.environment_id).sort()).toEqual([...ids].sort());
      // A second run has nothing to do.
      await expect(withRollup.rollUp()).resolves.toEqual([]);

      const fromRollup = await withRollup.summary(ALL, query);
      expect(fromRollup.rows.map(r => r.key)).toEqual(
        expected.rows.map(r => r.key),
      );
      fromRollup.rows.forEach((row, i) => {
        for (const field of [
          'total',
          'compute',
          'storage',
          'idle',
          'idleHours',
          'savings',
        ] as const) {
          expect([row.key, field, row[field]]).toEqual([
            row.key,
            field,
            expect.closeTo(expected.rows[i][field], 9),
          ]);
        }
      });

      // The rollup is really read: changing a rolled-up day shows in reports.
      await knex('cost_daily')
        .where({ day: '2026-01-06', environment_id: ids[1] })
        .update({ total: 1000 });
      const tampered = await withRollup.summary(ALL, query);
      expect(tampered.totals.total).toBeGreaterThan(1000);

      // A day missing from the rollup is priced from the ledger, and its
      // rows in cost_daily (the tampered one) are not read.
      await knex('cost_daily_days').where({ day: '2026-01-06' }).delete();
      const partial = await withRollup.summary(ALL, query);
      expect(partial.totals.total).toBeCloseTo(expected.totals.total, 9);
      const seriesQuery = { ...query, granularity: 'day' as const };
      const partialSeries = await withRollup.series(ALL, seriesQuery);
      const ledgerSeries = await ledgerOnly.series(ALL, seriesQuery);
      expect(partialSeries.series.map(s => s.key)).toEqual(
        ledgerSeries.series.map(s => s.key),
      );
      partialSeries.series.forEach((group, i) =>
        group.totals.forEach((total, day) =>
          expect(total).toBeCloseTo(ledgerSeries.series[i].totals[day], 9),
        ),
      );

      // Other rates: rolled-up days no longer count, reports use the ledger
      // again, and the next rollup recomputes them with the new rates.
      rates = { ...DEFAULT_PRICE_RATES, cpuCoreHour: 1 };
      const repriced = await withRollup.summary(ALL, query);
      const repricedLedger = await ledgerOnly.summary(ALL, query);
      expect(repriced.totals.total).toBeCloseTo(repricedLedger.totals.total, 9);
      expect(repriced.rates.cpuCoreHour).toBe(1);
      await expect(withRollup.rollUp()).resolves.toContain('2026-01-06');
      now = at(9, 1);
      const later = await withRollup.rollUp();
      expect(later).toEqual(['2026-01-08']);
    },
  );
});
