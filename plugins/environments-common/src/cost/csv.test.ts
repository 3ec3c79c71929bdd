import { toCsv } from './csv';
import type { CostRow } from './summarize';

const row: CostRow = {
  key: 'shop-dev',
  currency: 'USD',
  total: 1.005,
  compute: 0.6,
  storage: 0.024,
  database: 0,
  idle: 0.408,
  idleHours: 7.996,
  savings: 0.6,
};

describe('toCsv', () => {
  it('writes a header and rows with two-decimal money', () => {
    expect(toCsv([row])).toBe(
      'key,currency,total,compute,storage,database,idle,idle_hours,savings,source\r\n' +
        'shop-dev,USD,1.01,0.60,0.02,0.00,0.41,8,0.60,\r\n',
    );
  });

  it('quotes fields per RFC 4180', () => {
    const csv = toCsv([
      { ...row, key: 'a,"b"' },
      { ...row, key: 'line\nbreak' },
    ]);
    const lines = csv.split('\r\n');
    expect(lines[1]).toBe('"a,""b""",USD,1.01,0.60,0.02,0.00,0.41,8,0.60,');
    expect(lines[2]).toBe('"line\nbreak",USD,1.01,0.60,0.02,0.00,0.41,8,0.60,');
  });

  it('ends each row with where its figures come from', () => {
    const lines = toCsv([
      { ...row, source: 'estimate+opencost' },
      { ...row, key: 'shop-local', source: 'estimate' },
    ]).split('\r\n');
    expect(lines[1]).toBe(
      'shop-dev,USD,1.01,0.60,0.02,0.00,0.41,8,0.60,estimate+opencost',
    );
    expect(lines[2]).toBe(
      'shop-local,USD,1.01,0.60,0.02,0.00,0.41,8,0.60,estimate',
    );
  });

  it('writes only the header for no rows', () => {
    expect(toCsv([])).toBe(
      'key,currency,total,compute,storage,database,idle,idle_hours,savings,source\r\n',
    );
  });
});
