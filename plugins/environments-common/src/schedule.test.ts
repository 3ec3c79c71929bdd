import {
  InvalidScheduleError,
  isValidTimeZone,
  isWithinActiveHours,
  parseActiveHours,
} from './schedule';

const WEEKDAYS = [1, 2, 3, 4, 5];

describe('parseActiveHours', () => {
  it.each([
    ['Mon-Fri 08:00-20:00', [{ days: WEEKDAYS, start: 480, end: 1200 }]],
    ['mon-fri 8:00-20:00', [{ days: WEEKDAYS, start: 480, end: 1200 }]],
    ['Mon,Wed,Fri 09:00-17:30', [{ days: [1, 3, 5], start: 540, end: 1050 }]],
    ['Fri-Mon 10:00-14:00', [{ days: [0, 1, 5, 6], start: 600, end: 840 }]],
    ['08:00-24:00', [{ days: [0, 1, 2, 3, 4, 5, 6], start: 480, end: 1440 }]],
    ['Mon-Fri 22:00-06:00', [{ days: WEEKDAYS, start: 1320, end: 360 }]],
    [
      'Mon-Fri 07:00-22:00; Sat 10:00-14:00',
      [
        { days: WEEKDAYS, start: 420, end: 1320 },
        { days: [6], start: 600, end: 840 },
      ],
    ],
  ])('reads %j', (text, windows) => {
    expect(parseActiveHours(text)).toEqual(windows);
  });

  it.each([
    ['', /empty/],
    ['weekdays 08:00-20:00', /unknown day "weekdays"/],
    ['Mon-Fri 8-20', /is not like 'Mon-Fri 08:00-20:00'/],
    ['Mon-Fri 08:00-25:00', /"25:00" is not a time/],
    ['Mon-Fri 08:00-08:00', /empty time range/],
    ['Mon-Tue-Wed 08:00-09:00', /not a day or a day range/],
    ['Mon 08:60-09:00', /"08:60" is not a time/],
  ])('rejects %j', (text, message) => {
    expect(() => parseActiveHours(text)).toThrow(InvalidScheduleError);
    expect(() => parseActiveHours(text)).toThrow(message);
  });
});

describe('isValidTimeZone', () => {
  it.each(['UTC', 'Europe/Paris', 'America/New_York'])('accepts %s', zone =>
    expect(isValidTimeZone(zone)).toBe(true),
  );
  it.each(['', 'Mars/Olympus', 'CEST+99'])('rejects %j', zone =>
    expect(isValidTimeZone(zone)).toBe(false),
  );
});

describe('isWithinActiveHours', () => {
  const paris = { timezone: 'Europe/Paris', active: 'Mon-Fri 08:00-20:00' };

  it('reads the hours in the schedule time zone', () => {
    // Wednesday 2025-01-15: 07:30 UTC is 08:30 in Paris (UTC+1 in winter).
    expect(isWithinActiveHours(paris, new Date('2025-01-15T07:30:00Z'))).toBe(
      true,
    );
    expect(isWithinActiveHours(paris, new Date('2025-01-15T06:30:00Z'))).toBe(
      false,
    );
    // 19:30 UTC is 20:30 in Paris: after hours.
    expect(isWithinActiveHours(paris, new Date('2025-01-15T19:30:00Z'))).toBe(
      false,
    );
    // Saturday.
    expect(isWithinActiveHours(paris, new Date('2025-01-18T12:00:00Z'))).toBe(
      false,
    );
  });

  it('follows daylight saving time', () => {
    // Wednesday 2025-07-16: Paris is UTC+2, so 06:30 UTC is 08:30.
    expect(isWithinActiveHours(paris, new Date('2025-07-16T06:30:00Z'))).toBe(
      true,
    );
  });

  it('gives a window over midnight to the day it starts', () => {
    const nights = { timezone: 'UTC', active: 'Fri 22:00-06:00' };
    expect(isWithinActiveHours(nights, new Date('2025-01-17T23:00:00Z'))).toBe(
      true,
    ); // Fri
    expect(isWithinActiveHours(nights, new Date('2025-01-18T05:59:00Z'))).toBe(
      true,
    ); // Sat early
    expect(isWithinActiveHours(nights, new Date('2025-01-18T06:00:00Z'))).toBe(
      false,
    );
    expect(isWithinActiveHours(nights, new Date('2025-01-17T05:00:00Z'))).toBe(
      false,
    ); // Fri early
  });
});
