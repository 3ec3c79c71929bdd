import { costBreakdown } from './breakdown';
import { costOfInterval } from './costOfInterval';
import { DEFAULT_PRICE_RATES } from './rates';
import { DEFAULT_IDLE_AFTER_MS, summarizeCost } from './summarize';
import type { CostInterval } from './types';

const interval = (overrides: Partial<CostInterval>): CostInterval => ({
  environmentId: 'env-1',
  serviceName: 'web',
  state: 'running',
  startedAt: '2026-03-01T00:00:00Z',
  cpuCores: 2,
  memoryGb: 4,
  storageGb: 10,
  ...overrides,
});

const window = { from: '2026-03-01T06:00:00Z', to: '2026-03-02T00:00:00Z' };

describe('costBreakdown', () => {
  it('clips intervals to the window, oldest first, and adds up costOfInterval', () => {
    const intervals = [
      interval({
        serviceName: 'db',
        startedAt: '2026-03-01T12:00:00Z',
        instanceClass: 'db.unknown',
      }),
      interval({
        state: 'stopped',
        reason: 'auto-stop',
        startedAt: '2026-02-27T00:00:00Z',
        endedAt: '2026-03-01T08:30:00Z',
      }),
      interval({
        startedAt: '2026-01-01T00:00:00Z',
        endedAt: '2026-01-02T00:00:00Z',
      }),
    ];
    const result = costBreakdown({
      environment: 'dev',
      intervals,
      rates: DEFAULT_PRICE_RATES,
      window,
      limit: 10,
      activity: [],
      idleAfter: DEFAULT_IDLE_AFTER_MS,
    });
    expect(result.source).toBe('estimate');
    expect(result.intervalCount).toBe(2);
    expect(result.truncated).toBe(false);
    expect(
      result.intervals.map(i => [i.service, i.startedAt, i.endedAt, i.open]),
    ).toEqual([
      ['web', '2026-03-01T06:00:00.000Z', '2026-03-01T08:30:00.000Z', false],
      ['db', '2026-03-01T12:00:00.000Z', '2026-03-02T00:00:00.000Z', true],
    ]);
    expect(result.intervals[0].reason).toBe('auto-stop');
    expect(result.intervals[0].cost.hours).toBe(2.5);
    expect(result.intervals[0].cost.compute).toBe(0);
    expect(result.unpricedInstanceClasses).toEqual(['db.unknown']);
    const expected = intervals.reduce(
      (sum, i) => sum + costOfInterval(i, DEFAULT_PRICE_RATES, window).total,
      0,
    );
    expect(result.totals.total).toBeCloseTo(expected, 12);
  });

  it('lists at most limit intervals but totals count them all', () => {
    const result = costBreakdown({
      environment: 'dev',
      intervals: [interval({}), interval({ serviceName: 'api' })],
      rates: DEFAULT_PRICE_RATES,
      window,
      limit: 1,
      activity: [],
      idleAfter: DEFAULT_IDLE_AFTER_MS,
    });
    expect(result.intervals).toHaveLength(1);
    expect(result.truncated).toBe(true);
    expect(result.totals.hours).toBe(36);
  });

  it("explains idle cost and auto-stop savings per interval, adding up to the summary's row", () => {
    const intervals = [
      // web and api run all window long; nobody uses them after 09:00
      interval({ startedAt: '2026-03-01T00:00:00Z' }),
      interval({
        serviceName: 'api',
        cpuCores: 1,
        memoryGb: 1,
        storageGb: 0,
        startedAt: '2026-03-01T00:00:00Z',
        endedAt: '2026-03-01T18:00:00Z',
      }),
      interval({
        serviceName: 'api',
        state: 'stopped',
        reason: 'auto-stop',
        cpuCores: 1,
        memoryGb: 1,
        storageGb: 0,
        startedAt: '2026-03-01T18:00:00Z',
      }),
    ];
    const activity = ['2026-03-01T05:00:00Z', '2026-03-01T09:00:00Z'];
    const idleAfter = 60 * 60 * 1000;
    const result = costBreakdown({
      environment: 'dev',
      intervals,
      rates: DEFAULT_PRICE_RATES,
      window,
      limit: 10,
      activity: activity.map(at => Date.parse(at)),
      idleAfter,
    });
    // idle from the window's start at 06:00 (an hour after 05:00's activity)
    // to 09:00, and from 10:00 (an hour after 09:00): web to midnight, api
    // until it stopped at 18:00
    const byService = Object.fromEntries(
      result.intervals.map(i => [`${i.service}-${i.state}`, i]),
    );
    expect(byService['web-running'].idle.hours).toBe(3 + 14);
    expect(byService['api-running'].idle.hours).toBe(3 + 8);
    expect(byService['api-stopped'].idle.hours).toBe(0);
    expect(byService['api-stopped'].saved.hours).toBe(6);
    expect(byService['web-running'].saved.total).toBe(0);
    // idle time counts once whatever number of services ran
    expect(result.idle.hours).toBe(17);
    expect(result.idleAfterMs).toBe(idleAfter);

    const summary = summarizeCost({
      environments: [
        {
          id: 'env-1',
          name: 'dev',
          owner: 'o',
          system: 's',
          mode: 'development',
        },
      ],
      intervals,
      activity: activity.map(at => ({ environmentId: 'env-1', at })),
      rates: DEFAULT_PRICE_RATES,
      ...window,
      groupBy: 'environment',
      idleAfter,
    });
    const [row] = summary.rows;
    expect(result.totals.total).toBeCloseTo(row.total, 12);
    expect(result.idle.total).toBeCloseTo(row.idle, 12);
    expect(result.idle.hours).toBeCloseTo(row.idleHours, 12);
    expect(result.savings.total).toBeCloseTo(row.savings, 12);
    expect(row.idle).toBeGreaterThan(0);
    expect(row.savings).toBeGreaterThan(0);
  });
});
