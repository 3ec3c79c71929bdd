import fc from 'fast-check';
import { topCostRows } from './topCostRows';

const row = (key: string, total: number) => ({ key, total });

describe('topCostRows', () => {
  const report = {
    rows: [row('a', 30), row('b', 20), row('c', 10)],
    totals: row('total', 60),
  };

  it('keeps the highest rows and counts them all', () => {
    expect(topCostRows(report, 2)).toEqual({
      rows: [row('a', 30), row('b', 20)],
      totals: row('total', 60),
      rowCount: 3,
    });
  });

  it('keeps every row without a limit or with one above the count', () => {
    expect(topCostRows(report)).toEqual({ ...report, rowCount: 3 });
    expect(topCostRows(report, 3).rows).toHaveLength(3);
    expect(topCostRows(report, 10).rows).toHaveLength(3);
  });

  it('leaves the report it was given alone', () => {
    topCostRows(report, 1);
    expect(report.rows).toHaveLength(3);
  });

  it('is the first min(limit, count) rows, whatever the count', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat(1000)),
        fc.integer({ min: 1, max: 50 }),
        (totals, limit) => {
          const rows = totals
            .sort((x, y) => y - x)
            .map((total, i) => row(String(i), total));
          const cut = topCostRows({ rows }, limit);
          expect(cut.rowCount).toBe(rows.length);
          expect(cut.rows).toEqual(rows.slice(0, limit));
        },
      ),
    );
  });
});
