import { hoursInUtcMonth, projectMonth } from './projectMonth';

describe('projectMonth', () => {
  it('projects linearly', () => {
    // 10 spent in the first 72 h of a 720 h month: 10 / 72 × 720 = 100
    expect(projectMonth(10, 72, 720)).toBeCloseTo(100, 12);
    // 31.5 after 15.5 days of a 31-day month: 31.5 / 372 × 744 = 63
    expect(projectMonth(31.5, 372, 744)).toBeCloseTo(63, 12);
  });

  it('returns the cost so far when nothing can be projected', () => {
    expect(projectMonth(5, 0, 720)).toBe(5);
    expect(projectMonth(5, 720, 720)).toBe(5);
    expect(projectMonth(0, 10, 720)).toBe(0);
  });

  it('rejects negative or non-finite inputs', () => {
    expect(() => projectMonth(-1, 1, 720)).toThrow(/costSoFar/);
    expect(() => projectMonth(1, Number.NaN, 720)).toThrow(/elapsedHours/);
    expect(() => projectMonth(1, 1, -720)).toThrow(/hoursInMonth/);
  });
});

describe('hoursInUtcMonth', () => {
  it.each([
    ['2024-02-10T00:00:00Z', 29 * 24], // leap February: 696
    ['2023-02-28T23:59:59Z', 28 * 24], // 672
    ['2024-05-31T23:00:00Z', 31 * 24], // 744
    ['2024-04-01T00:00:00Z', 30 * 24], // 720
  ])('%s → %p', (date, hours) => {
    expect(hoursInUtcMonth(new Date(date))).toBe(hours);
  });
});
