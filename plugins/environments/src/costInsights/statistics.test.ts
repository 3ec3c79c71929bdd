import { changeBetween, changeOf, trendlineOf } from './statistics';

const days = (amounts: number[], first = '2026-11-01') =>
  amounts.map((amount, index) => ({
    date: new Date(Date.parse(first) + index * 86_400_000)
      .toISOString()
      .slice(0, 10),
    amount,
  }));

describe('trendlineOf', () => {
  it('goes through every point of a straight line, x in epoch seconds', () => {
    // 1 on the first day, 2 more each day.
    const aggregation = days([1, 3, 5, 7, 9, 11, 13]);
    const { slope, intercept } = trendlineOf(aggregation);

    expect(slope).toBeCloseTo(2 / 86_400, 15);
    for (const { date, amount } of aggregation) {
      expect(slope * (Date.parse(date) / 1000) + intercept).toBeCloseTo(
        amount,
        6,
      );
    }
  });

  it('fits the least-squares line through scattered days', () => {
    // Offsets −1.5 … 1.5 days around the mean; Σdx·dy = 6, Σdx² = 5.
    const { slope, intercept } = trendlineOf(days([1.5, 2.5, 4, 5]));
    expect(slope).toBeCloseTo(1.2 / 86_400, 15);
    expect(intercept).toBeCloseTo(-24_908.15, 6);
  });

  it('is flat at the mean with fewer than two days, and zero without any', () => {
    expect(trendlineOf(days([4]))).toEqual({ slope: 0, intercept: 4 });
    expect(trendlineOf([])).toEqual({ slope: 0, intercept: 0 });
  });
});

describe('changeOf', () => {
  const periods = [
    { from: '2026-11-01', to: '2026-11-03' },
    { from: '2026-11-03', to: '2026-11-05' },
  ];

  it('compares the last period with the one before', () => {
    expect(changeOf(days([1.5, 2.5, 4, 5]), periods)).toEqual({
      ratio: 1.25,
      amount: 5,
    });
  });

  it('leaves the ratio out when the previous period cost nothing', () => {
    expect(changeOf(days([0, 0, 1, 2]), periods)).toEqual({ amount: 3 });
    expect(changeBetween(0, 0)).toEqual({ amount: 0 });
  });

  it('has nothing to compare with a single period', () => {
    expect(changeOf(days([1, 2]), periods.slice(1))).toBeUndefined();
  });
});
