import {
  formatElapsed,
  formatRelativeTime,
  formatRuntime,
  formatShortUrl,
  formatUrl,
  summarizeServiceKinds,
} from './format';

describe('formatRelativeTime', () => {
  const now = Date.parse('2026-03-10T12:00:00.000Z');

  it('formats past and future times in the largest fitting unit', () => {
    expect(formatRelativeTime('2026-03-10T11:55:00.000Z', now)).toBe(
      '5 minutes ago',
    );
    expect(formatRelativeTime('2026-03-12T12:00:00.000Z', now)).toBe(
      'in 2 days',
    );
    expect(formatRelativeTime('2026-03-10T11:59:40.000Z', now)).toBe(
      'just now',
    );
  });

  it('returns undefined for missing or invalid timestamps', () => {
    expect(formatRelativeTime(undefined, now)).toBeUndefined();
    expect(formatRelativeTime('not a date', now)).toBeUndefined();
  });
});

describe('formatElapsed', () => {
  const now = Date.parse('2026-03-10T12:00:00.000Z');

  it('says how long ago a time was, in the largest fitting unit', () => {
    expect(formatElapsed('2026-03-10T11:55:00.000Z', now)).toBe('5 minutes');
    expect(formatElapsed('2026-03-10T11:00:00.000Z', now)).toBe('1 hour');
    expect(formatElapsed('2026-03-07T12:00:00.000Z', now)).toBe('3 days');
    expect(formatElapsed('2026-03-10T11:59:40.000Z', now)).toBe(
      'less than a minute',
    );
  });

  it('counts a time in the future (a skewed clock) as just now', () => {
    expect(formatElapsed('2026-03-10T12:05:00.000Z', now)).toBe(
      'less than a minute',
    );
  });

  it('returns undefined for missing or invalid timestamps', () => {
    expect(formatElapsed(undefined, now)).toBeUndefined();
    expect(formatElapsed('not a date', now)).toBeUndefined();
  });
});

describe('formatUrl', () => {
  it('drops the scheme and a trailing slash, keeping port and path', () => {
    expect(formatUrl('https://shop.example.com/')).toBe('shop.example.com');
    expect(formatUrl('http://localhost:7007/api/services/shop/web/')).toBe(
      'localhost:7007/api/services/shop/web',
    );
  });
});

describe('formatRuntime', () => {
  it('labels the local runtime as simulated', () => {
    expect(formatRuntime({ type: 'local' })).toBe('local (simulated)');
  });

  it('shows type and target for real runtimes', () => {
    expect(formatRuntime({ type: 'kubernetes', target: 'eu-1' })).toBe(
      'kubernetes/eu-1',
    );
    expect(formatRuntime({ type: 'kubernetes' })).toBe('kubernetes');
  });
});

describe('summarizeServiceKinds', () => {
  it('counts services per kind in order of appearance', () => {
    expect(
      summarizeServiceKinds([
        { kind: 'application' },
        { kind: 'database' },
        { kind: 'application' },
      ]),
    ).toBe('2 application, 1 database');
  });
});

describe('formatShortUrl', () => {
  it('keeps a host and shortens a long path to its last part', () => {
    expect(formatShortUrl('https://shop.example.com/')).toBe(
      'shop.example.com',
    );
    expect(
      formatShortUrl(
        'http://localhost:7007/api/environments/local-services/dev-ada/storefront/',
      ),
    ).toBe('localhost:7007/…/storefront');
    expect(formatShortUrl('https://shop.example.com/app')).toBe(
      'shop.example.com/app',
    );
  });
});
