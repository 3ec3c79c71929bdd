import { TEST_RATES, at } from './__testUtils__/fixtures';
import { sharingSavings } from './sharingSavings';
import { mergeSpans, subtractSpans } from './spans';
import type { CostInterval } from './types';

const DAY = { from: at(0), to: at(0, 2) };

const own = (
  state: CostInterval['state'],
  from: number,
  to?: number,
): CostInterval => ({
  environmentId: 'pr-7',
  serviceName: 'web',
  state,
  startedAt: at(from),
  ...(to !== undefined && { endedAt: at(to) }),
  cpuCores: 1,
  memoryGb: 0,
  storageGb: 0,
});

// 1 core (0.04/h) and 10 GB of disk (0.001/h); a managed database (0.03/h) with 100 GB (0.01/h).
const api = { serviceName: 'api', cpuCores: 1, memoryGb: 0, storageGb: 10 };
const db = {
  serviceName: 'db',
  cpuCores: 0,
  memoryGb: 0,
  storageGb: 100,
  instanceClass: 'db.small',
};

describe('sharingSavings', () => {
  it('prices shared services while the environment ran, and their storage while it was stopped', () => {
    // Running 02:00-08:00 (two services overlapping), stopped 08:00-12:00, gone after.
    const intervals = [
      own('running', 2, 8),
      { ...own('running', 4, 8), serviceName: 'worker' },
      own('stopped', 8, 12),
    ];
    const savings = sharingSavings({
      intervals,
      shared: [api, db],
      rates: TEST_RATES,
      window: DAY,
    });
    expect(savings.runningHours).toBeCloseTo(6, 12);
    // api: 6 h × (0.04 + 0.001) + 4 h × 0.001 = 0.25
    // db:  6 h × (0.03 + 0.01)  + 4 h × 0.01  = 0.28
    expect(savings.services).toEqual([
      { name: 'api', saved: expect.closeTo(0.25, 12) },
      { name: 'db', saved: expect.closeTo(0.28, 12) },
    ]);
    expect(savings.saved.total).toBeCloseTo(0.53, 12);
    expect(savings.saved.database).toBeCloseTo(0.18, 12);
  });

  it('counts an open interval up to the end of the window, and nothing outside it', () => {
    const savings = sharingSavings({
      intervals: [own('running', 20, 22), own('running', 22)],
      shared: [api],
      rates: TEST_RATES,
      window: { from: at(21), to: at(23) },
    });
    expect(savings.runningHours).toBeCloseTo(2, 12);
    expect(savings.saved.total).toBeCloseTo(2 * 0.041, 12);
  });

  it('saves nothing without shared services', () => {
    const savings = sharingSavings({
      intervals: [own('running', 0, 10)],
      shared: [],
      rates: TEST_RATES,
      window: DAY,
    });
    expect(savings.saved.total).toBe(0);
    expect(savings.runningHours).toBeCloseTo(10, 12);
  });
});

describe('spans', () => {
  it('merges overlapping and touching spans, and drops empty ones', () => {
    expect(
      mergeSpans([
        [5, 7],
        [1, 3],
        [3, 4],
        [6, 9],
        [10, 10],
      ]),
    ).toEqual([
      [1, 4],
      [5, 9],
    ]);
  });

  it('subtracts holes', () => {
    expect(
      subtractSpans(
        [[0, 10]],
        [
          [2, 3],
          [5, 12],
        ],
      ),
    ).toEqual([
      [0, 2],
      [3, 5],
    ]);
  });
});
