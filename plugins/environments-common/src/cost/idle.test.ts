import { idleCost, savingsFromAutoStop } from './idle';
import { TEST_RATES, at } from './__testUtils__/fixtures';
import type { CostInterval } from './types';

const HOUR = 60 * 60 * 1000;
const DAY = { from: at(0), to: at(0, 2) };

// 1 core, nothing else: 0.04 per running hour.
const web: CostInterval = {
  environmentId: 'e1',
  serviceName: 'web',
  state: 'running',
  startedAt: at(0),
  endedAt: at(12),
  cpuCores: 1,
  memoryGb: 0,
  storageGb: 0,
};

const activity = [
  { environmentId: 'e1', at: at(3) },
  { environmentId: 'e1', at: at(8) },
  { environmentId: 'e1', at: at(23, 0) }, // the day before: before the start
  { environmentId: 'e2', at: at(1) }, // another environment
];

describe('idleCost', () => {
  it('charges running time more than idleAfter after the last activity', () => {
    // start 00:00 counts as activity; idleAfter 2 h:
    // idle [02:00, 03:00) 1 h + [05:00, 08:00) 3 h + [10:00, 12:00) 2 h = 6 h
    // 6 × 0.04 = 0.24
    const cost = idleCost({
      intervals: [web],
      activity,
      idleAfter: 2 * HOUR,
      rates: TEST_RATES,
      window: DAY,
    });
    expect(cost.hours).toBeCloseTo(6, 12);
    expect(cost.total).toBeCloseTo(0.24, 12);
    expect(cost.compute).toBeCloseTo(0.24, 12);
  });

  it('looks at activity before the window', () => {
    // window [06:00, 12:00): last activity 03:00 → idle [06:00, 08:00) 2 h,
    // then [10:00, 12:00) 2 h = 4 h; 4 × 0.04 = 0.16
    const cost = idleCost({
      intervals: [web],
      activity,
      idleAfter: 2 * HOUR,
      rates: TEST_RATES,
      window: { from: at(6), to: at(12) },
    });
    expect(cost.hours).toBeCloseTo(4, 12);
    expect(cost.total).toBeCloseTo(0.16, 12);
  });

  it('charges idle storage and database too, and ignores stopped time', () => {
    // open from 00:00, no activity, idleAfter 20 h: idle [20:00, 24:00) 4 h
    // × (db.small 0.03 + 10 GB × 0.0001 = 0.001) = 4 × 0.031 = 0.124
    const db: CostInterval = {
      ...web,
      environmentId: 'e3',
      cpuCores: 0,
      storageGb: 10,
      instanceClass: 'db.small',
      endedAt: undefined,
    };
    const cost = idleCost({
      intervals: [db, { ...db, state: 'stopped' }],
      activity: [],
      idleAfter: 20 * HOUR,
      rates: TEST_RATES,
      window: DAY,
    });
    expect(cost.hours).toBeCloseTo(4, 12);
    expect(cost.database).toBeCloseTo(0.12, 12);
    expect(cost.storage).toBeCloseTo(0.004, 12);
    expect(cost.total).toBeCloseTo(0.124, 12);
  });

  it('rejects a negative idleAfter', () => {
    expect(() =>
      idleCost({
        intervals: [web],
        activity,
        idleAfter: -1,
        rates: TEST_RATES,
        window: DAY,
      }),
    ).toThrow(RangeError);
  });
});

describe('savingsFromAutoStop', () => {
  it('prices compute and database over auto-stopped time, not storage', () => {
    // api auto-stopped 20:00 → next day 08:00, clipped to the day: 4 h
    //   compute 4 × (2 × 0.04 + 4 × 0.005) = 4 × 0.1 = 0.4
    // db auto-stopped 20:00, open: 4 h × 0.03 = 0.12
    // a manual stop saves nothing; total 0.52
    const api: CostInterval = {
      environmentId: 'e1',
      serviceName: 'api',
      state: 'stopped',
      reason: 'auto-stop',
      startedAt: at(20),
      endedAt: at(8, 2),
      cpuCores: 2,
      memoryGb: 4,
      storageGb: 10,
    };
    const db: CostInterval = {
      ...api,
      serviceName: 'db',
      endedAt: undefined,
      cpuCores: 0,
      memoryGb: 0,
      instanceClass: 'db.small',
    };
    const manual: CostInterval = { ...api, reason: 'stop' };
    const running: CostInterval = { ...api, state: 'running' };
    const saved = savingsFromAutoStop({
      intervals: [api, db, manual, running],
      rates: TEST_RATES,
      window: DAY,
    });
    expect(saved.hours).toBe(8);
    expect(saved.compute).toBeCloseTo(0.4, 12);
    expect(saved.database).toBeCloseTo(0.12, 12);
    expect(saved.storage).toBe(0);
    expect(saved.total).toBeCloseTo(0.52, 12);
  });
});
