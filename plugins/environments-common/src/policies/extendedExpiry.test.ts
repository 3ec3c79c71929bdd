import { extendedExpiry } from './extendedExpiry';

const HOUR = 60 * 60 * 1000;
const now = Date.parse('2026-11-23T12:00:00Z');

describe('extendedExpiry', () => {
  it('adds to the current expiry when it is later than now', () => {
    expect(
      extendedExpiry({ expiresAt: now + 5 * HOUR, byMs: 2 * HOUR, now }),
    ).toBe(now + 7 * HOUR);
  });

  it('adds to now when the expiry is already past', () => {
    expect(extendedExpiry({ expiresAt: now - HOUR, byMs: 2 * HOUR, now })).toBe(
      now + 2 * HOUR,
    );
  });

  it('renews to at least now + by, and keeps a later expiry', () => {
    const renew = (expiresAt: number) =>
      extendedExpiry({ expiresAt, byMs: 2 * HOUR, now, renew: true });
    expect(renew(now + HOUR)).toBe(now + 2 * HOUR);
    expect(renew(now + 5 * HOUR)).toBe(now + 5 * HOUR);
  });

  it('stops at notAfter, but never moves the expiry earlier', () => {
    expect(
      extendedExpiry({
        expiresAt: now + HOUR,
        byMs: 10 * HOUR,
        now,
        notAfter: now + 3 * HOUR,
      }),
    ).toBe(now + 3 * HOUR);
    expect(
      extendedExpiry({
        expiresAt: now + 5 * HOUR,
        byMs: HOUR,
        now,
        notAfter: now + 3 * HOUR,
      }),
    ).toBe(now + 5 * HOUR);
  });
});
