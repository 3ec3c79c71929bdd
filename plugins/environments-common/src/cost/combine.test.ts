import fc from 'fast-check';
import { type CostAmounts, addCostAmounts, zeroCostAmounts } from './amounts';
import { groupCostAmounts } from './combine';
import { DEFAULT_PRICE_RATES } from './rates';
import { type CostEnvironment, summarizeCost } from './summarize';
import type { CostInterval } from './types';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const BASE = Date.UTC(2024, 4, 1);

const environments: CostEnvironment[] = [
  { id: 'e1', name: 'one', owner: 'a', system: 's', mode: 'production' },
  { id: 'e2', name: 'two', owner: 'b', system: 's', mode: 'development' },
  { id: 'e3', name: 'three', owner: 'a', system: 't', mode: 'preview' },
];

const interval: fc.Arbitrary<CostInterval> = fc
  .record({
    environmentId: fc.constantFrom('e1', 'e2', 'e3'),
    serviceName: fc.constantFrom('api', 'db'),
    state: fc.constantFrom('running' as const, 'stopped' as const),
    start: fc.integer({ min: -DAY, max: 3 * DAY }),
    length: fc.option(fc.integer({ min: 0, max: 3 * DAY }), { nil: undefined }),
    cpuCores: fc.integer({ min: 0, max: 8 }),
    memoryGb: fc.integer({ min: 0, max: 32 }),
    storageGb: fc.integer({ min: 0, max: 100 }),
    reason: fc.option(fc.constantFrom('auto-stop', 'stop'), { nil: undefined }),
  })
  .map(r => ({
    environmentId: r.environmentId,
    serviceName: r.serviceName,
    state: r.state,
    startedAt: BASE + r.start,
    endedAt: r.length === undefined ? undefined : BASE + r.start + r.length,
    cpuCores: r.cpuCores,
    memoryGb: r.memoryGb,
    storageGb: r.storageGb,
    reason: r.reason,
  }));

const activity = fc.array(
  fc.record({
    environmentId: fc.constantFrom('e1', 'e2', 'e3'),
    at: fc.integer({ min: -DAY, max: 3 * DAY }).map(t => BASE + t),
  }),
  { maxLength: 20 },
);

describe('groupCostAmounts', () => {
  it('adds up days into the same report as the whole window (what the daily rollup relies on)', () => {
    fc.assert(
      fc.property(
        fc.array(interval, { maxLength: 12 }),
        activity,
        fc.constantFrom('environment', 'owner', 'system', 'mode' as const),
        (intervals, events, groupBy) => {
          const amounts = new Map<string, CostAmounts>();
          for (let day = 0; day < 3; day++) {
            const daily = summarizeCost({
              environments,
              intervals,
              activity: events,
              rates: DEFAULT_PRICE_RATES,
              from: BASE + day * DAY,
              to: BASE + (day + 1) * DAY,
              groupBy: 'environment',
            });
            for (const row of daily.rows) {
              const id = environments.find(e => e.name === row.key)!.id;
              const sum = amounts.get(id) ?? zeroCostAmounts();
              addCostAmounts(sum, row);
              amounts.set(id, sum);
            }
          }
          const combined = groupCostAmounts({
            environments,
            amounts,
            groupBy,
            rates: DEFAULT_PRICE_RATES,
          });
          const whole = summarizeCost({
            environments,
            intervals,
            activity: events,
            rates: DEFAULT_PRICE_RATES,
            from: BASE,
            to: BASE + 3 * DAY,
            groupBy,
          });
          expect(combined.rows.map(r => r.key).sort()).toEqual(
            whole.rows.map(r => r.key).sort(),
          );
          for (const row of whole.rows) {
            const other = combined.rows.find(r => r.key === row.key)!;
            for (const field of [
              'total',
              'compute',
              'storage',
              'database',
              'idle',
              'idleHours',
              'savings',
            ] as const) {
              expect([row.key, field, other[field]]).toEqual([
                row.key,
                field,
                expect.closeTo(row[field], 6),
              ]);
            }
          }
          expect(combined.totals.total).toBeCloseTo(whole.totals.total, 6);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('gives every listed environment a row and leaves out amounts of others', () => {
    const amounts = new Map<string, CostAmounts>([
      ['e1', { ...zeroCostAmounts(), total: 2, compute: 2 }],
      ['gone', { ...zeroCostAmounts(), total: 100 }],
    ]);
    const { rows, totals } = groupCostAmounts({
      environments,
      amounts,
      groupBy: 'owner',
      rates: { currency: 'EUR' },
    });
    expect(rows.map(r => [r.key, r.total, r.currency])).toEqual([
      ['a', 2, 'EUR'],
      ['b', 0, 'EUR'],
    ]);
    expect(totals.total).toBe(2);
  });
});
