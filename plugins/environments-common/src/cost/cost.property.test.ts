import fc from 'fast-check';
import { zeroCostAmounts } from './amounts';
import { costAmountsByEnvironment } from './amountsByEnvironment';
import { costOfInterval } from './costOfInterval';
import { DEFAULT_PRICE_RATES } from './rates';
import { summarizeCost, type CostEnvironment } from './summarize';
import type { CostInterval } from './types';

const HOUR = 60 * 60 * 1000;
const BASE = Date.UTC(2024, 4, 1);
const SPAN = 30 * 24 * HOUR;

const environments: CostEnvironment[] = [
  { id: 'e1', name: 'one', owner: 'a', system: 's', mode: 'production' },
  { id: 'e2', name: 'two', owner: 'b', system: 's', mode: 'development' },
];

const interval: fc.Arbitrary<CostInterval> = fc
  .record({
    environmentId: fc.constantFrom('e1', 'e2'),
    state: fc.constantFrom('running' as const, 'stopped' as const),
    start: fc.integer({ min: 0, max: SPAN }),
    length: fc.option(fc.integer({ min: 0, max: SPAN }), { nil: undefined }),
    cpuCores: fc.double({ min: 0, max: 64, noNaN: true }),
    memoryGb: fc.double({ min: 0, max: 256, noNaN: true }),
    storageGb: fc.double({ min: 0, max: 1000, noNaN: true }),
    instanceClass: fc.option(fc.constantFrom('db.t4g.micro', 'db.unknown'), {
      nil: undefined,
    }),
    reason: fc.option(fc.constantFrom('auto-stop', 'stop'), { nil: undefined }),
  })
  .map(r => ({
    environmentId: r.environmentId,
    serviceName: 'svc',
    state: r.state,
    startedAt: BASE + r.start,
    endedAt: r.length === undefined ? undefined : BASE + r.start + r.length,
    cpuCores: r.cpuCores,
    memoryGb: r.memoryGb,
    storageGb: r.storageGb,
    instanceClass: r.instanceClass,
    reason: r.reason,
  }));

// A window [from, to) and a point that splits it in two.
const window = fc
  .tuple(
    fc.integer({ min: -SPAN / 10, max: SPAN }),
    fc.integer({ min: 0, max: SPAN }),
    fc.double({ min: 0, max: 1, noNaN: true }),
  )
  .map(([from, length, split]) => ({
    from: BASE + from,
    to: BASE + from + length,
    middle: BASE + from + Math.floor(length * split),
  }));

const activity = fc.array(
  fc.record({
    environmentId: fc.constantFrom('e1', 'e2'),
    at: fc.integer({ min: -SPAN / 10, max: SPAN * 1.2 }).map(t => BASE + t),
  }),
  { maxLength: 10 },
);

function close(a: number, b: number) {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

describe('cost properties', () => {
  it('an interval costs the same over a window as over its two halves', () => {
    fc.assert(
      fc.property(interval, window, (i, w) => {
        const rates = DEFAULT_PRICE_RATES;
        const whole = costOfInterval(i, rates, w);
        const first = costOfInterval(i, rates, { from: w.from, to: w.middle });
        const second = costOfInterval(i, rates, { from: w.middle, to: w.to });
        for (const part of [
          'total',
          'compute',
          'storage',
          'database',
          'hours',
        ] as const) {
          expect(close(whole[part], first[part] + second[part])).toBe(true);
        }
      }),
    );
  });

  it('summaries (total, idle, savings) add up over the two halves', () => {
    fc.assert(
      fc.property(
        fc.array(interval, { maxLength: 8 }),
        activity,
        window,
        fc.integer({ min: 0, max: 10 * HOUR }),
        (intervals, events, w, idleAfter) => {
          const summarize = (from: number, to: number) =>
            summarizeCost({
              environments,
              intervals,
              activity: events,
              rates: DEFAULT_PRICE_RATES,
              from,
              to,
              groupBy: 'environment',
              idleAfter,
            }).totals;
          const whole = summarize(w.from, w.to);
          const first = summarize(w.from, w.middle);
          const second = summarize(w.middle, w.to);
          for (const part of ['total', 'idle', 'savings'] as const) {
            expect(close(whole[part], first[part] + second[part])).toBe(true);
          }
        },
      ),
    );
  });

  it('cost is never negative, and idle never exceeds total', () => {
    fc.assert(
      fc.property(
        fc.array(interval, { maxLength: 8 }),
        activity,
        window,
        (intervals, events, w) => {
          const summary = summarizeCost({
            environments,
            intervals,
            activity: events,
            rates: DEFAULT_PRICE_RATES,
            from: w.from,
            to: w.to,
            groupBy: 'mode',
          });
          for (const row of [...summary.rows, summary.totals]) {
            for (const part of [
              'total',
              'compute',
              'storage',
              'database',
              'idle',
              'savings',
            ] as const) {
              expect(row[part]).toBeGreaterThanOrEqual(0);
            }
            expect(row.idle).toBeLessThanOrEqual(
              row.total * (1 + 1e-9) + 1e-12,
            );
          }
        },
      ),
    );
  });

  it('amounts by environment equal summarizeCost rows by environment, bit for bit', () => {
    fc.assert(
      fc.property(
        fc.array(interval, { maxLength: 8 }),
        activity,
        window,
        fc.integer({ min: 0, max: 10 * HOUR }),
        (intervals, events, w, idleAfter) => {
          const input = {
            environments,
            intervals,
            activity: events,
            rates: DEFAULT_PRICE_RATES,
            from: w.from,
            to: w.to,
            idleAfter,
          };
          const summary = summarizeCost({ ...input, groupBy: 'environment' });
          const byId = costAmountsByEnvironment(input);
          for (const environment of environments) {
            const { key, currency, ...row } = summary.rows.find(
              r => r.key === environment.name,
            )!;
            // Left out when it had no interval: its row is all zeros.
            const amounts =
              byId.amounts.get(environment.id) ?? zeroCostAmounts();
            expect([key, amounts]).toEqual([key, row]);
          }
          expect(byId.unpricedInstanceClasses).toEqual(
            summary.unpricedInstanceClasses,
          );
        },
      ),
      { numRuns: 500 },
    );
  });
});
