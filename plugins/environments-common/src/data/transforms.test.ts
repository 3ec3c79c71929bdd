import { createHmac } from 'node:crypto';
import { COLUMN_TRANSFORMS, type ColumnTransform } from './dataRules';
import { hmacSha256Hasher, transformValue } from './transforms';

const hash = hmacSha256Hasher('copy-key');
const apply = (transform: ColumnTransform, value: string | null, v?: string) =>
  transformValue({ transform, value: v }, value, hash);

describe('transformValue', () => {
  it('hashes as Node’s HMAC-SHA256 does, so Node code may use its own', () => {
    const native = createHmac('sha256', 'copy-key').update('ada').digest();
    expect(Buffer.from(hash('ada')).equals(native)).toBe(true);
  });

  it('rewrites personal data into made-up values of the same kind', () => {
    expect(apply('email', 'ada@example.com')).toMatch(
      /^user-[0-9a-f]{16}@example\.invalid$/,
    );
    expect(apply('name', 'Ada Lovelace')).toMatch(
      /^[A-Z][a-z]+ [A-Z][a-z]+ [0-9a-f]{4}$/,
    );
    expect(apply('phone', '+44 20 7946 0958')).toMatch(/^\+1 555 \d{3} \d{4}$/);
    expect(apply('hash', 'secret')).toMatch(/^[0-9a-f]{64}$/);
    expect(apply('null', 'x')).toBeNull();
    expect(apply('fixed', 'x', 'NL')).toBe('NL');
    expect(apply('keep', 'x')).toBe('x');
  });

  it('is deterministic for a key and differs between keys', () => {
    for (const transform of ['email', 'name', 'phone', 'hash'] as const) {
      expect(apply(transform, 'ada@example.com')).toBe(
        apply(transform, 'ada@example.com'),
      );
      expect(apply(transform, 'ada@example.com')).not.toBe(
        transformValue(
          { transform },
          'ada@example.com',
          hmacSha256Hasher('other-key'),
        ),
      );
    }
  });

  it('keeps NULL as NULL except for a fixed value', () => {
    for (const transform of COLUMN_TRANSFORMS) {
      const expected = transform === 'fixed' ? 'NL' : null;
      expect(
        apply(transform, null, transform === 'fixed' ? 'NL' : undefined),
      ).toBe(expected);
    }
  });

  it('keeps distinct e-mails distinct (unique columns stay unique)', () => {
    const out = new Set<string | null>();
    for (let i = 0; i < 20000; i++)
      out.add(apply('email', `user${i}@shop.test`));
    expect(out.size).toBe(20000);
  });
});
