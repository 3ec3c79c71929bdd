import {
  emptyRow,
  sortCostRows,
  summarizeCost,
  type CostEnvironment,
} from './summarize';
import { TEST_RATES, at } from './__testUtils__/fixtures';
import type { CostInterval } from './types';

const environments: CostEnvironment[] = [
  {
    id: 'e1',
    name: 'shop-dev',
    owner: 'group:default/team-a',
    system: 'shop',
    mode: 'development',
  },
  {
    id: 'e2',
    name: 'shop-prod',
    owner: 'group:default/team-b',
    system: 'shop',
    mode: 'production',
  },
  {
    id: 'e3',
    name: 'blog-preview',
    owner: 'group:default/team-a',
    system: 'blog',
    mode: 'preview',
  },
];

const intervals: CostInterval[] = [
  // e1 api: running 00:00–12:00, then auto-stopped (open).
  {
    environmentId: 'e1',
    serviceName: 'api',
    state: 'running',
    startedAt: at(0),
    endedAt: at(12),
    cpuCores: 1,
    memoryGb: 2,
    storageGb: 10,
  },
  {
    environmentId: 'e1',
    serviceName: 'api',
    state: 'stopped',
    reason: 'auto-stop',
    startedAt: at(12),
    cpuCores: 1,
    memoryGb: 2,
    storageGb: 10,
  },
  // e2 managed database, running all day (open).
  {
    environmentId: 'e2',
    serviceName: 'db',
    state: 'running',
    startedAt: at(0),
    cpuCores: 0,
    memoryGb: 0,
    storageGb: 20,
    instanceClass: 'db.small',
  },
  // e4 is not listed (deleted, or not visible to the reader): left out.
  {
    environmentId: 'e4',
    serviceName: 'web',
    state: 'running',
    startedAt: at(0),
    cpuCores: 8,
    memoryGb: 32,
    storageGb: 0,
  },
];

const activity = [{ environmentId: 'e1', at: at(9) }];

/*
 * Hand-computed over 2024-05-01 [00:00, 24:00), TEST_RATES, idleAfter 2 h:
 *
 * e1 api running 12 h: compute 12 × (0.04 + 2 × 0.005) = 12 × 0.05 = 0.6
 *                      storage 12 × 10 × 0.0001 = 0.012
 *    idle: [02:00, 09:00) 7 h + [11:00, 12:00) 1 h = 8 h × 0.051 = 0.408
 * e1 api stopped 12 h: storage 0.012; savings 12 × 0.05 = 0.6
 *    shop-dev: total 0.624, compute 0.6, storage 0.024, idle 0.408, savings 0.6
 * e2 db running 24 h:  database 24 × 0.03 = 0.72, storage 24 × 20 × 0.0001 = 0.048
 *    idle: [02:00, 24:00) 22 h × 0.032 = 0.704
 *    shop-prod: total 0.768, database 0.72, storage 0.048, idle 0.704
 * e3: nothing. All: 1.392.
 */
const DAY = { from: at(0), to: at(0, 2) };

function summarize(groupBy: 'environment' | 'owner' | 'system' | 'mode') {
  return summarizeCost({
    environments,
    intervals,
    activity,
    rates: TEST_RATES,
    ...DAY,
    groupBy,
  });
}

function expectRow(row: any, expected: Record<string, unknown>) {
  for (const [field, value] of Object.entries(expected)) {
    if (typeof value === 'number') {
      expect([field, row[field]]).toEqual([field, expect.closeTo(value, 12)]);
    } else {
      expect(row[field]).toBe(value);
    }
  }
}

describe('summarizeCost', () => {
  it('groups by environment, highest total first', () => {
    const summary = summarize('environment');
    expect(summary.rows.map(r => r.key)).toEqual([
      'shop-prod',
      'shop-dev',
      'blog-preview',
    ]);
    expectRow(summary.rows[0], {
      currency: 'EUR',
      total: 0.768,
      compute: 0,
      storage: 0.048,
      database: 0.72,
      idle: 0.704,
      idleHours: 22,
      savings: 0,
    });
    expectRow(summary.rows[1], {
      total: 0.624,
      compute: 0.6,
      storage: 0.024,
      database: 0,
      idle: 0.408,
      idleHours: 8,
      savings: 0.6,
    });
    expectRow(summary.rows[2], {
      total: 0,
      idle: 0,
      idleHours: 0,
      savings: 0,
    });
    expectRow(summary.totals, {
      key: 'total',
      total: 1.392,
      idle: 1.112,
      idleHours: 30,
      savings: 0.6,
    });
  });

  it('counts idle hours once per environment, whatever its services', () => {
    const twoServices = intervals
      .filter(i => i.environmentId === 'e1' && i.state === 'running')
      .flatMap(i => [i, { ...i, serviceName: 'worker' }]);
    const summary = summarizeCost({
      environments,
      intervals: twoServices,
      activity,
      rates: TEST_RATES,
      ...DAY,
      groupBy: 'environment',
    });
    expect(summary.rows.find(r => r.key === 'shop-dev')?.idleHours).toBe(8);
  });

  it('carries the rates and window it was computed from', () => {
    const summary = summarize('environment');
    expect(summary).toMatchObject({
      groupBy: 'environment',
      from: '2024-05-01T00:00:00.000Z',
      to: '2024-05-02T00:00:00.000Z',
      currency: 'EUR',
      rates: TEST_RATES,
      unpricedInstanceClasses: [],
    });
  });

  it.each([
    [
      'owner',
      [
        ['group:default/team-b', 0.768],
        ['group:default/team-a', 0.624],
      ],
    ],
    [
      'system',
      [
        ['shop', 1.392],
        ['blog', 0],
      ],
    ],
    [
      'mode',
      [
        ['production', 0.768],
        ['development', 0.624],
        ['preview', 0],
      ],
    ],
  ] as const)('groups by %s', (groupBy, expected) => {
    const rows = summarize(groupBy).rows;
    expect(rows.map(r => r.key)).toEqual(expected.map(([key]) => key));
    rows.forEach((row, i) => expect(row.total).toBeCloseTo(expected[i][1], 12));
  });

  it('lists instance classes the rates do not price', () => {
    const summary = summarizeCost({
      environments,
      intervals: [{ ...intervals[2], instanceClass: 'db.huge' }],
      activity: [],
      rates: TEST_RATES,
      ...DAY,
      groupBy: 'environment',
    });
    expect(summary.unpricedInstanceClasses).toEqual(['db.huge']);
    // 24 h × 20 GB × 0.0001 = 0.048 storage only
    expect(summary.rows[0].total).toBeCloseTo(0.048, 12);
  });

  it('honours a per-environment idleAfter', () => {
    // e2 with idleAfter 20 h: idle [20:00, 24:00) 4 h × 0.032 = 0.128
    const summary = summarizeCost({
      environments: environments.map(e =>
        e.id === 'e2' ? { ...e, idleAfter: 20 * 60 * 60 * 1000 } : e,
      ),
      intervals,
      activity,
      rates: TEST_RATES,
      ...DAY,
      groupBy: 'environment',
    });
    expect(summary.rows[0].idle).toBeCloseTo(0.128, 12);
  });

  it('treats production like any other mode (cost is not a policy)', () => {
    const asMode = (mode: string) =>
      summarizeCost({
        environments: [{ ...environments[0], mode }],
        intervals,
        activity,
        rates: TEST_RATES,
        ...DAY,
        groupBy: 'environment',
      }).rows;
    const production = asMode('production');
    expect(production).toEqual(asMode('development'));
    expect(production).toEqual(asMode('preview'));
    // The same figures as shop-dev above: idle and savings included.
    expectRow(production[0], { total: 0.624, idle: 0.408, savings: 0.6 });
  });

  it('rejects a window that ends before it starts', () => {
    expect(() =>
      summarizeCost({
        environments,
        intervals,
        activity,
        rates: TEST_RATES,
        from: at(2),
        to: at(1),
        groupBy: 'owner',
      }),
    ).toThrow(RangeError);
  });
});

describe('sortCostRows', () => {
  const row = (key: string, total: number) => ({
    ...emptyRow(key, 'USD'),
    total,
  });

  it('orders by total, highest first, then by key', () => {
    const rows = [row('b', 1), row('a', 1), row('c', 2)];
    expect(sortCostRows(rows).map(r => r.key)).toEqual(['c', 'a', 'b']);
  });

  it('orders totals that agree to the cent by key, whatever their last bits', () => {
    // 0.1 + 0.2 and 0.3 differ in the last bit: a sum's order must not decide.
    const rows = [row('b', 0.1 + 0.2), row('a', 0.3), row('c', 0.31)];
    expect(sortCostRows(rows).map(r => r.key)).toEqual(['c', 'a', 'b']);
    const reversed = [row('a', 0.1 + 0.2), row('b', 0.3)];
    expect(sortCostRows(reversed).map(r => r.key)).toEqual(['a', 'b']);
  });
});
