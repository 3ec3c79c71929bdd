import { costBreakdown } from './breakdown';
import { costOfInterval } from './costOfInterval';
import { DEFAULT_PRICE_RATES } from './rates';
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
    });
    expect(result.intervals).toHaveLength(1);
    expect(result.truncated).toBe(true);
    expect(result.totals.hours).toBe(36);
  });
});
