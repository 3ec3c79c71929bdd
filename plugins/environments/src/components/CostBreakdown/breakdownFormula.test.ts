import { DEFAULT_PRICE_RATES } from '@greenroom/plugin-environments-common';
import { formatFormulaHours, formulaTerms } from './breakdownFormula';

const base = {
  service: 'db',
  startedAt: '2026-11-01T00:00:00.000Z',
  endedAt: '2026-11-01T10:30:00.000Z',
  open: false,
  cpuCores: 2,
  memoryGb: 4,
  storageGb: 20,
  instanceClass: 'db.t4g.micro',
  hourly: { compute: 0, storage: 0, database: 0 },
  cost: { total: 0, compute: 0, storage: 0, database: 0, hours: 10.5 },
  idle: { total: 0, compute: 0, storage: 0, database: 0, hours: 0 },
  saved: { total: 0, compute: 0, storage: 0, database: 0, hours: 0 },
};

describe('formulaTerms', () => {
  it('charges CPU, memory and the class while running, storage always', () => {
    const running = formulaTerms(
      { ...base, state: 'running' },
      DEFAULT_PRICE_RATES,
    );
    expect(running.map(t => t.part)).toEqual([
      'cpu',
      'memory',
      'storage',
      'database',
    ]);
    const sum = running.reduce((s, t) => s + t.amount, 0);
    expect(sum).toBeCloseTo(
      10.5 *
        (2 * DEFAULT_PRICE_RATES.cpuCoreHour +
          4 * DEFAULT_PRICE_RATES.memoryGbHour +
          20 * DEFAULT_PRICE_RATES.storageGbHour +
          DEFAULT_PRICE_RATES.managedDatabaseHourly['db.t4g.micro']),
      12,
    );
    const stopped = formulaTerms(
      { ...base, state: 'stopped' },
      DEFAULT_PRICE_RATES,
    );
    expect(stopped.map(t => t.part)).toEqual(['storage']);
  });

  it('leaves out parts that reserve nothing', () => {
    const terms = formulaTerms(
      { ...base, state: 'running', memoryGb: 0, instanceClass: undefined },
      DEFAULT_PRICE_RATES,
    );
    expect(terms.map(t => t.part)).toEqual(['cpu', 'storage']);
    expect(formatFormulaHours(10.456)).toBe('10.46');
  });
});
