import fc from 'fast-check';
import {
  InvalidDurationError,
  MAX_DURATION_MS,
  formatDuration,
  parseDuration,
} from './duration';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe('parseDuration', () => {
  it.each([
    ['90m', 90 * MINUTE],
    ['2h', 2 * HOUR],
    ['3d', 3 * DAY],
    ['1w', 7 * DAY],
    ['45s', 45_000],
    ['1h30m', 90 * MINUTE],
    ['1d2h30m', DAY + 2 * HOUR + 30 * MINUTE],
    ['1w1d', 8 * DAY],
    [' 2h ', 2 * HOUR],
    ['1h 30m', 90 * MINUTE],
    ['0m', 0],
  ])('reads %j', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each([
    ['', /empty/],
    ['   ', /empty/],
    ['2x', /unknown unit "x"/],
    ['2H', /unknown unit "H"/],
    ['-1h', /negative/],
    ['1.5h', /whole numbers.*1h30m/],
    ['1,5h', /whole numbers/],
    ['90', /no unit/],
    ['h', /unexpected "h"/],
    ['1h-30m', /unexpected "-30m"/],
    ['+1h', /unexpected/],
    ['30m1h', /largest first/],
    ['1h1h', /largest first/],
    ['99999999999999999999w', /too large/],
    // Fits a safe integer, but now + it is past the last valid Date.
    ['14290000w', /too large; at most 36500d/],
    ['36500d1s', /too large/],
    ['5215w', /too large/],
  ])('rejects %j', (text, message) => {
    expect(() => parseDuration(text)).toThrow(InvalidDurationError);
    expect(() => parseDuration(text)).toThrow(message);
  });

  it('reads up to 100 years, so now + any duration is a valid Date', () => {
    expect(parseDuration('36500d')).toBe(MAX_DURATION_MS);
    expect(parseDuration('5214w2d')).toBe(MAX_DURATION_MS);
    const latest = new Date(Date.UTC(2200, 0, 1) + MAX_DURATION_MS);
    expect(() => latest.toISOString()).not.toThrow();
  });

  it('names the input in the error', () => {
    expect(() => parseDuration('2x')).toThrow('Invalid duration "2x": ');
    expect(() => parseDuration('2x')).toThrow(
      expect.objectContaining({ name: 'InvalidDurationError', input: '2x' }),
    );
  });

  it('rejects non-strings', () => {
    expect(() => parseDuration(undefined as unknown as string)).toThrow(
      InvalidDurationError,
    );
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0m'],
    [90 * MINUTE, '1h30m'],
    [2 * HOUR, '2h'],
    [3 * DAY, '3d'],
    [8 * DAY + 5 * MINUTE, '1w1d5m'],
    [61_000, '1m1s'],
    [1_499, '1s'],
    [400, '0m'],
  ])('formats %j as %j', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it.each([-1, NaN, Infinity])('rejects %j', ms => {
    expect(() => formatDuration(ms)).toThrow(RangeError);
  });

  it('is read back by parseDuration for whole minutes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), minutes => {
        const ms = minutes * MINUTE;
        expect(parseDuration(formatDuration(ms))).toBe(ms);
      }),
    );
  });

  it('is read back by parseDuration for whole seconds', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: MAX_DURATION_MS / 1000 }),
        seconds => {
          expect(parseDuration(formatDuration(seconds * 1000))).toBe(
            seconds * 1000,
          );
        },
      ),
    );
  });
});
