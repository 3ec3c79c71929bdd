import { costSeries } from './series';
import { summarizeCost, type CostEnvironment } from './summarize';
import { TEST_RATES, at } from './__testUtils__/fixtures';
import type { CostInterval } from './types';

const environments: CostEnvironment[] = [
  {
    id: 'e1',
    name: 'shop-dev',
    owner: 'a',
    system: 'shop',
    mode: 'development',
  },
  {
    id: 'e2',
    name: 'shop-prod',
    owner: 'b',
    system: 'shop',
    mode: 'production',
  },
];

const intervals: CostInterval[] = [
  // 1 core: 0.04 / h, 2024-05-01 18:00 → 2024-05-02 03:00
  {
    environmentId: 'e1',
    serviceName: 'api',
    state: 'running',
    startedAt: at(18),
    endedAt: at(3, 2),
    cpuCores: 1,
    memoryGb: 0,
    storageGb: 0,
  },
  // 0.5 core: 0.02 / h, open since 2024-04-30
  {
    environmentId: 'e2',
    serviceName: 'api',
    state: 'running',
    startedAt: at(0, 0),
    cpuCores: 0.5,
    memoryGb: 0,
    storageGb: 0,
  },
];

// Window 2024-05-01 12:00 → 2024-05-03 06:00 (UTC days 1st, 2nd, 3rd):
// e1: 1st 18–24 6 h × 0.04 = 0.24; 2nd 00–03 3 h × 0.04 = 0.12; 3rd 0 → 0.36
// e2: 1st 12–24 12 h × 0.02 = 0.24; 2nd 24 h × 0.02 = 0.48;
//     3rd 00–06 6 h × 0.02 = 0.12 → 0.84
const input = {
  environments,
  intervals,
  rates: TEST_RATES,
  from: at(12),
  to: at(6, 3),
};

describe('costSeries', () => {
  it('totals each UTC day per group, clipped to the window', () => {
    const result = costSeries({
      ...input,
      groupBy: 'environment',
      granularity: 'day',
    });
    expect(result.days).toEqual(['2024-05-01', '2024-05-02', '2024-05-03']);
    expect(result.series.map(s => s.key)).toEqual(['shop-prod', 'shop-dev']);
    const [prod, dev] = result.series;
    expect(prod.total).toBeCloseTo(0.84, 12);
    [0.24, 0.48, 0.12].forEach((v, i) =>
      expect(prod.totals[i]).toBeCloseTo(v, 12),
    );
    expect(dev.total).toBeCloseTo(0.36, 12);
    [0.24, 0.12, 0].forEach((v, i) => expect(dev.totals[i]).toBeCloseTo(v, 12));
    expect(result).toMatchObject({
      granularity: 'day',
      currency: 'EUR',
      rates: TEST_RATES,
      from: '2024-05-01T12:00:00.000Z',
      to: '2024-05-03T06:00:00.000Z',
    });
  });

  it("takes a rolled-up day's totals as they are and prices the intervals only on the other days", () => {
    const result = costSeries({
      ...input,
      groupBy: 'owner',
      granularity: 'day',
      // The 2nd is rolled up, e.g. from a cluster's own cost: 5 for e1 and
      // 7 for e2 (not what the intervals would give); a row of a day not
      // rolled up and one of an unlisted environment are left out.
      rolled: {
        days: new Set(['2024-05-02']),
        totals: [
          { day: '2024-05-02', environmentId: 'e1', total: 5 },
          { day: '2024-05-02', environmentId: 'e2', total: 7 },
          { day: '2024-05-01', environmentId: 'e1', total: 100 },
          { day: '2024-05-02', environmentId: 'gone', total: 100 },
        ],
      },
    });
    const byKey = new Map(result.series.map(s => [s.key, s]));
    [0.24, 5, 0].forEach((v, i) =>
      expect(byKey.get('a')!.totals[i]).toBeCloseTo(v, 12),
    );
    [0.24, 7, 0.12].forEach((v, i) =>
      expect(byKey.get('b')!.totals[i]).toBeCloseTo(v, 12),
    );
    expect(byKey.get('a')!.total).toBeCloseTo(5.24, 12);
    expect(byKey.get('b')!.total).toBeCloseTo(7.36, 12);
  });

  it('adds up to the summary of the same window', () => {
    const series = costSeries({
      ...input,
      groupBy: 'system',
      granularity: 'day',
    });
    const summary = summarizeCost({
      ...input,
      activity: [],
      groupBy: 'system',
    });
    // shop: 0.84 + 0.36 = 1.2
    expect(series.series[0].total).toBeCloseTo(1.2, 12);
    expect(series.series[0].total).toBeCloseTo(summary.rows[0].total, 12);
  });

  it('has no days for an empty window and rejects other granularities', () => {
    expect(
      costSeries({ ...input, to: at(12), groupBy: 'mode', granularity: 'day' })
        .days,
    ).toEqual([]);
    expect(() =>
      costSeries({ ...input, groupBy: 'mode', granularity: 'week' as 'day' }),
    ).toThrow(/granularity/);
  });
});
