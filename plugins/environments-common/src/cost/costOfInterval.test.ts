import { costOfInterval } from './costOfInterval';
import { DEFAULT_PRICE_RATES } from './rates';
import { TEST_RATES, at } from './__testUtils__/fixtures';
import type { CostInterval } from './types';

const DAY = { from: at(0), to: at(0, 2) };

const api: CostInterval = {
  environmentId: 'e1',
  serviceName: 'api',
  state: 'running',
  startedAt: at(0),
  endedAt: at(10),
  cpuCores: 2,
  memoryGb: 4,
  storageGb: 10,
};

describe('costOfInterval', () => {
  it('charges a running interval compute and storage', () => {
    // 10 h; compute 10 × (2 × 0.04 + 4 × 0.005) = 10 × 0.1 = 1.0;
    // storage 10 × 10 × 0.0001 = 0.01; total 1.01
    const cost = costOfInterval(api, TEST_RATES, DAY);
    expect(cost.hours).toBe(10);
    expect(cost.compute).toBeCloseTo(1.0, 12);
    expect(cost.storage).toBeCloseTo(0.01, 12);
    expect(cost.database).toBe(0);
    expect(cost.total).toBeCloseTo(1.01, 12);
  });

  it('clips the interval to the window', () => {
    // [08:00, 12:00) ∩ [00:00, 10:00) = 2 h; compute 2 × 0.1 = 0.2;
    // storage 2 × 10 × 0.0001 = 0.002; total 0.202
    const cost = costOfInterval(api, TEST_RATES, { from: at(8), to: at(12) });
    expect(cost.hours).toBe(2);
    expect(cost.compute).toBeCloseTo(0.2, 12);
    expect(cost.storage).toBeCloseTo(0.002, 12);
    expect(cost.total).toBeCloseTo(0.202, 12);
  });

  it('ends an open interval at the end of the window', () => {
    // started 20:00, window ends 24:00 → 4 h; 4 × 0.1 + 4 × 0.001 = 0.404
    const open = { ...api, startedAt: at(20), endedAt: undefined };
    const cost = costOfInterval(open, TEST_RATES, DAY);
    expect(cost.hours).toBe(4);
    expect(cost.total).toBeCloseTo(0.404, 12);
  });

  it('charges a stopped interval storage only', () => {
    // 10 h stopped: storage 10 × 10 × 0.0001 = 0.01, nothing else
    const cost = costOfInterval({ ...api, state: 'stopped' }, TEST_RATES, DAY);
    expect(cost).toEqual({
      total: cost.storage,
      compute: 0,
      storage: cost.storage,
      database: 0,
      hours: 10,
    });
    expect(cost.storage).toBeCloseTo(0.01, 12);
  });

  it('charges a managed database its class hourly', () => {
    // 5 h of db.small: database 5 × 0.03 = 0.15; storage 5 × 20 × 0.0001 = 0.01;
    // total 0.16
    const db: CostInterval = {
      environmentId: 'e1',
      serviceName: 'db',
      state: 'running',
      startedAt: at(0),
      endedAt: at(5),
      cpuCores: 0,
      memoryGb: 0,
      storageGb: 20,
      instanceClass: 'db.small',
    };
    const cost = costOfInterval(db, TEST_RATES, DAY);
    expect(cost.database).toBeCloseTo(0.15, 12);
    expect(cost.storage).toBeCloseTo(0.01, 12);
    expect(cost.compute).toBe(0);
    expect(cost.total).toBeCloseTo(0.16, 12);
    // Stopped: the class is not charged, storage is.
    expect(
      costOfInterval({ ...db, state: 'stopped' }, TEST_RATES, DAY),
    ).toMatchObject({ database: 0, compute: 0 });
    // An unknown class is priced at 0.
    expect(
      costOfInterval({ ...db, instanceClass: 'db.huge' }, TEST_RATES, DAY)
        .database,
    ).toBe(0);
  });

  it('uses the default rates', () => {
    // 1 h of 1 core, 1 GB memory, 1 GB storage:
    // 0.031611 + 0.004237 + 0.0000548 = 0.0359028
    const cost = costOfInterval(
      { ...api, endedAt: at(1), cpuCores: 1, memoryGb: 1, storageGb: 1 },
      DEFAULT_PRICE_RATES,
      DAY,
    );
    expect(cost.total).toBeCloseTo(0.0359028, 12);
  });

  it('costs nothing outside the window, and accepts Dates and millis', () => {
    expect(
      costOfInterval(api, TEST_RATES, {
        from: new Date(at(10)),
        to: Date.parse(at(12)),
      }),
    ).toEqual({ total: 0, compute: 0, storage: 0, database: 0, hours: 0 });
  });

  it('rejects invalid instants and windows', () => {
    expect(() =>
      costOfInterval({ ...api, startedAt: 'yesterday' }, TEST_RATES, DAY),
    ).toThrow(RangeError);
    expect(() =>
      costOfInterval(api, TEST_RATES, { from: at(2), to: at(1) }),
    ).toThrow(/precedes/);
  });
});
