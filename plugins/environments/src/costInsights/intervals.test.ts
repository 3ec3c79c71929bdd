import { parseIntervals } from './intervals';

describe('parseIntervals', () => {
  it('reads two 30-day periods ending on the date, exclusive', () => {
    expect(parseIntervals('R2/P30D/2026-11-01')).toEqual({
      repetitions: 2,
      duration: { years: 0, months: 0, weeks: 0, days: 30 },
      window: { from: '2026-09-02', to: '2026-11-01' },
      periods: [
        { from: '2026-09-02', to: '2026-10-02' },
        { from: '2026-10-02', to: '2026-11-01' },
      ],
    });
  });

  it('steps months and years by the calendar', () => {
    expect(parseIntervals('R2/P3M/2026-11-01').periods).toEqual([
      { from: '2026-05-01', to: '2026-08-01' },
      { from: '2026-08-01', to: '2026-11-01' },
    ]);
    expect(parseIntervals('R1/P1Y/2026-01-01').window).toEqual({
      from: '2025-01-01',
      to: '2026-01-01',
    });
    // A month back from the 31st lands on the last day of a shorter month.
    expect(parseIntervals('R2/P1M/2026-03-31').periods).toEqual([
      { from: '2026-01-31', to: '2026-02-28' },
      { from: '2026-02-28', to: '2026-03-31' },
    ]);
  });

  it('reads weeks, combined durations and more repetitions', () => {
    expect(parseIntervals('R3/P1W/2026-11-23').periods).toEqual([
      { from: '2026-11-02', to: '2026-11-09' },
      { from: '2026-11-09', to: '2026-11-16' },
      { from: '2026-11-16', to: '2026-11-23' },
    ]);
    expect(parseIntervals('R1/P1M1D/2026-11-01').window).toEqual({
      from: '2026-09-30',
      to: '2026-11-01',
    });
  });

  it.each([
    'R0/P30D/2026-11-01',
    'R2/P/2026-11-01',
    'R2/PT1H/2026-11-01',
    'R2/P30D/2026-13-01',
    'R2/P30D/2026-02-30',
    'P30D/2026-11-01',
    '2026-11-01',
    '',
  ])('rejects %j, naming it', intervals => {
    expect(() => parseIntervals(intervals)).toThrow(
      `Invalid intervals ${JSON.stringify(intervals)}`,
    );
  });
});
