import fc from 'fast-check';
import {
  MAX_ENVIRONMENT_NAME_LENGTH,
  isValidEnvironmentName,
  isValidServiceName,
  shortHash,
  toEnvironmentName,
} from './naming';

const DNS_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

describe('isValidEnvironmentName', () => {
  it.each(['a', 'shop', 'shop-staging', 'pr-42', 'a1', 'x'.repeat(40)])(
    'accepts %j',
    name => expect(isValidEnvironmentName(name)).toBe(true),
  );

  it.each([
    '',
    'Shop',
    '1shop',
    '-shop',
    'shop-',
    'shop_staging',
    'shop.staging',
    'x'.repeat(41),
    'café',
    undefined,
    42,
  ])('rejects %j', name => expect(isValidEnvironmentName(name)).toBe(false));
});

describe('isValidServiceName', () => {
  it('allows at most 22 characters so <service>-<environment> fits 63', () => {
    expect(isValidServiceName('s'.repeat(22))).toBe(true);
    expect(isValidServiceName('s'.repeat(23))).toBe(false);
    expect(22 + 1 + MAX_ENVIRONMENT_NAME_LENGTH).toBe(63);
  });
});

describe('shortHash', () => {
  it('is 6 base-36 characters and deterministic', () => {
    expect(shortHash('feature/x')).toMatch(/^[0-9a-z]{6}$/);
    expect(shortHash('feature/x')).toBe(shortHash('feature/x'));
    expect(shortHash('')).toMatch(/^[0-9a-z]{6}$/);
  });

  it('has a pinned value, so browsers and servers agree across releases', () => {
    // FNV-1a 32-bit of "a" is 0xe40c292c.
    expect(shortHash('a')).toBe(
      (0xe40c292c % 36 ** 6).toString(36).padStart(6, '0'),
    );
  });
});

describe('toEnvironmentName', () => {
  it.each([
    ['feature/Login-Page', 'feature-login-page'],
    ['Feature__Login  Page!!', 'feature-login-page'],
    ['--shop--', 'shop'],
    ['Crème Brûlée', 'creme-brulee'],
    ['Ærøskøbing', 'aeroskobing'],
    ['Straße', 'strasse'],
    ['İstanbul', 'istanbul'],
    ['Ñandú', 'nandu'],
    ['42-fix', 'env-42-fix'],
    ['2024 release', 'env-2024-release'],
    ['shop-staging', 'shop-staging'],
  ])('turns %j into %j', (input, name) => {
    expect(toEnvironmentName(input)).toBe(name);
  });

  it('gives empty or emoji-only input a stable valid name', () => {
    for (const input of ['', '🚀🚀', '---', '日本語']) {
      const name = toEnvironmentName(input);
      expect(name).toMatch(/^env-[0-9a-z]{6}$/);
      expect(isValidEnvironmentName(name)).toBe(true);
      expect(toEnvironmentName(input)).toBe(name);
    }
    expect(toEnvironmentName('🚀')).not.toBe(toEnvironmentName('🎉'));
  });

  it('cuts a 200-character branch name and keeps it unique', () => {
    const branch = `feature/${'very-long-branch-name-'.repeat(9)}`.slice(
      0,
      200,
    );
    expect(branch).toHaveLength(200);
    const name = toEnvironmentName(branch);
    expect(name.length).toBeLessThanOrEqual(MAX_ENVIRONMENT_NAME_LENGTH);
    expect(isValidEnvironmentName(name)).toBe(true);
    expect(name).toMatch(/^feature-very-long-branch-name-ver-[0-9a-z]{6}$/);
    expect(name.endsWith(`-${shortHash(branch)}`)).toBe(true);
  });

  it('keeps long inputs with the same 40-character prefix apart', () => {
    const prefix = 'release/'.padEnd(60, 'x');
    const a = toEnvironmentName(`${prefix}-alpha`);
    const b = toEnvironmentName(`${prefix}-beta`);
    expect(a).not.toBe(b);
    expect(a.slice(0, 33)).toBe(b.slice(0, 33));
  });

  it('hashes the full original input, not the cleaned one', () => {
    const long = 'x'.repeat(50);
    expect(toEnvironmentName(`${long}!`)).not.toBe(
      toEnvironmentName(`${long}?`),
    );
  });

  it('does not end the cut part with a dash', () => {
    const input = `${'a'.repeat(32)}-${'b'.repeat(20)}`;
    const name = toEnvironmentName(input);
    expect(name).toMatch(/^a{32}-[0-9a-z]{6}$/);
  });

  it('handles a long name starting with a digit', () => {
    const name = toEnvironmentName(`1${'2'.repeat(60)}`);
    expect(name).toMatch(/^env-1/);
    expect(isValidEnvironmentName(name)).toBe(true);
  });

  describe('properties', () => {
    const anyText = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc.string({ unit: 'grapheme', maxLength: 100 }),
      fc.string({ unit: 'binary', maxLength: 100 }),
      fc.stringMatching(/^[a-z0-9/_.-]{0,120}$/),
    );

    it('always gives a DNS label of at most 40 characters starting with a letter', () => {
      fc.assert(
        fc.property(anyText, input => {
          const name = toEnvironmentName(input);
          expect(name.length).toBeLessThanOrEqual(MAX_ENVIRONMENT_NAME_LENGTH);
          expect(name).toMatch(DNS_LABEL);
          expect(isValidEnvironmentName(name)).toBe(true);
        }),
        { numRuns: 500 },
      );
    });

    it('is deterministic and idempotent', () => {
      fc.assert(
        fc.property(anyText, input => {
          const name = toEnvironmentName(input);
          expect(toEnvironmentName(input)).toBe(name);
          expect(toEnvironmentName(name)).toBe(name);
        }),
        { numRuns: 500 },
      );
    });

    it('leaves valid names without double dashes as they are', () => {
      const validName = fc
        .stringMatching(/^[a-z]([a-z0-9]{0,3}(-[a-z0-9]{1,4}){0,7})$/)
        .filter(name => name.length <= MAX_ENVIRONMENT_NAME_LENGTH);
      fc.assert(
        fc.property(validName, name => {
          expect(isValidEnvironmentName(name)).toBe(true);
          expect(toEnvironmentName(name)).toBe(name);
        }),
      );
    });

    it('gives different names to long inputs that differ only after the cut', () => {
      fc.assert(
        fc.property(
          fc.stringMatching(/^[a-z]{45}$/),
          fc.string({ minLength: 1, maxLength: 10 }),
          fc.string({ minLength: 1, maxLength: 10 }),
          (prefix, a, b) => {
            fc.pre(a !== b);
            expect(toEnvironmentName(prefix + a)).not.toBe(
              toEnvironmentName(prefix + b),
            );
          },
        ),
      );
    });
  });
});
