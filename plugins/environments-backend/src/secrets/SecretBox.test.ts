import { SecretBox } from './SecretBox';

const KEY = 'a-test-key-that-is-long-enough-for-aes';

describe('SecretBox', () => {
  it('round-trips a value without storing it in clear', () => {
    const box = new SecretBox(KEY);
    const stored = box.encrypt('sk_live_canary', 'env-1/STRIPE_KEY');
    expect(stored).not.toContain('sk_live_canary');
    expect(stored.startsWith('v1:')).toBe(true);
    expect(box.decrypt(stored, 'env-1/STRIPE_KEY')).toBe('sk_live_canary');
  });

  it('uses a fresh IV for every value', () => {
    const box = new SecretBox(KEY);
    expect(box.encrypt('same')).not.toBe(box.encrypt('same'));
  });

  it('refuses another key, another context or a tampered value', () => {
    const stored = new SecretBox(KEY).encrypt('value', 'env-1/A');
    expect(() =>
      new SecretBox(`${KEY}-other`).decrypt(stored, 'env-1/A'),
    ).toThrow();
    expect(() => new SecretBox(KEY).decrypt(stored, 'env-2/A')).toThrow();
    const parts = stored.split(':');
    const flipped = Buffer.from(parts[3], 'base64');
    flipped[0] ^= 1;
    parts[3] = flipped.toString('base64');
    expect(() =>
      new SecretBox(KEY).decrypt(parts.join(':'), 'env-1/A'),
    ).toThrow();
    expect(() => new SecretBox(KEY).decrypt('plain', 'env-1/A')).toThrow(
      'not in a known format',
    );
  });

  it('requires a key of at least 32 characters', () => {
    expect(() => new SecretBox('short')).toThrow('at least 32 characters');
  });
});
