import {
  createCipheriv,
  createHash,
  createHmac,
  randomBytes,
} from 'node:crypto';
import { inspect } from 'node:util';
import { SecretBox } from './SecretBox';

const KEY = 'a-test-key-that-is-long-enough-for-aes';
const NEW_KEY = 'a-newer-test-key-that-is-long-enough-too';

/** A value as the first release stored it: key = sha256(text), `v1:` form. */
function legacyEncrypt(text: string, plaintext: string, context: string) {
  const key = createHash('sha256').update(text, 'utf8').digest();
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const ciphertext = Buffer.concat([
    cipher.update(plaintext, 'utf8'),
    cipher.final(),
  ]);
  return [
    'v1',
    iv.toString('base64'),
    cipher.getAuthTag().toString('base64'),
    ciphertext.toString('base64'),
  ].join(':');
}

describe('SecretBox', () => {
  it('round-trips a value without storing it in clear', () => {
    const box = new SecretBox(KEY);
    const stored = box.encrypt('sk_live_canary', 'env-1/STRIPE_KEY');
    expect(stored).not.toContain('sk_live_canary');
    expect(stored.startsWith(`v2:${box.currentKeyId}:`)).toBe(true);
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
    ).toThrow('not configured');
    expect(() => new SecretBox(KEY).decrypt(stored, 'env-2/A')).toThrow();
    const parts = stored.split(':');
    const flipped = Buffer.from(parts[4], 'base64');
    flipped[0] ^= 1;
    parts[4] = flipped.toString('base64');
    expect(() =>
      new SecretBox(KEY).decrypt(parts.join(':'), 'env-1/A'),
    ).toThrow();
    expect(() => new SecretBox(KEY).decrypt('plain', 'env-1/A')).toThrow(
      'not in a known format',
    );
  });

  it('derives the key with HKDF, not a bare hash of the text', () => {
    const box = new SecretBox(KEY);
    const sha256Key = createHash('sha256').update(KEY, 'utf8').digest();
    const stored = box.encrypt('value');
    const [, , iv, tag, ciphertext] = stored.split(':');
    // The first release's key does not open a v2 value.
    const legacy = ['v1', iv, tag, ciphertext].join(':');
    expect(() => box.decrypt(legacy)).toThrow();
    expect(box.currentKeyId).not.toContain(
      sha256Key.toString('hex').slice(0, 12),
    );
    expect(box.currentKeyId).toMatch(/^[0-9a-f]{12}$/);
  });

  it('still decrypts values stored in the v1 format, under any configured key', () => {
    const stored = legacyEncrypt(KEY, 'old-value', 'env-1/A');
    expect(new SecretBox(KEY).decrypt(stored, 'env-1/A')).toBe('old-value');
    expect(new SecretBox([NEW_KEY, KEY]).decrypt(stored, 'env-1/A')).toBe(
      'old-value',
    );
    expect(() => new SecretBox(NEW_KEY).decrypt(stored, 'env-1/A')).toThrow();
  });

  it('encrypts with the first key and decrypts with any', () => {
    const old = new SecretBox(KEY).encrypt('value', 'ctx');
    const both = new SecretBox([NEW_KEY, KEY]);
    expect(both.decrypt(old, 'ctx')).toBe('value');
    const fresh = both.encrypt('value', 'ctx');
    expect(fresh.split(':')[1]).toBe(new SecretBox(NEW_KEY).currentKeyId);
    expect(new SecretBox(NEW_KEY).decrypt(fresh, 'ctx')).toBe('value');
    expect(() => new SecretBox(KEY).decrypt(fresh, 'ctx')).toThrow();
  });

  it('re-encrypts only what is not under the newest key, keeping the context', () => {
    const box = new SecretBox([NEW_KEY, KEY]);
    const old = new SecretBox(KEY).encrypt('value', 'ctx');
    const legacy = legacyEncrypt(KEY, 'legacy', 'ctx');
    expect(box.isCurrent(old)).toBe(false);
    expect(box.isCurrent(legacy)).toBe(false);
    const renewed = box.reencrypt(old, 'ctx')!;
    expect(box.isCurrent(renewed)).toBe(true);
    expect(new SecretBox(NEW_KEY).decrypt(renewed, 'ctx')).toBe('value');
    expect(() => new SecretBox(NEW_KEY).decrypt(renewed, 'other')).toThrow();
    expect(
      new SecretBox(NEW_KEY).decrypt(box.reencrypt(legacy, 'ctx')!, 'ctx'),
    ).toBe('legacy');
    expect(box.reencrypt(renewed, 'ctx')).toBeUndefined();
    expect(() => box.reencrypt(old, 'wrong-context')).toThrow();
  });

  it('requires keys of at least 32 characters and names the one that is short', () => {
    expect(() => new SecretBox('short')).toThrow(
      'environments.secretsKey must be at least 32 characters',
    );
    expect(() => new SecretBox([KEY, 'short'])).toThrow(
      'environments.secretsKeys[1] must be at least 32 characters',
    );
    expect(() => new SecretBox([])).toThrow('environments.secretsKeys');
  });

  it('derives a secret-hash key per environment that is stable, secret and never printable', () => {
    const box = new SecretBox([NEW_KEY, KEY]);
    const hmac = (key: ReturnType<SecretBox['secretHashKey']>) =>
      createHmac('sha256', key).update('data').digest('hex');
    expect(hmac(box.secretHashKey('env-1'))).toBe(
      hmac(new SecretBox([NEW_KEY]).secretHashKey('env-1')),
    );
    expect(hmac(box.secretHashKey('env-1'))).not.toBe(
      hmac(box.secretHashKey('env-2')),
    );
    expect(hmac(box.secretHashKey('env-1'))).not.toBe(
      hmac(new SecretBox(KEY).secretHashKey('env-1')),
    );
    const key = box.secretHashKey('env-1');
    const material = key.export().toString('hex');
    expect(inspect(key)).not.toContain(material);
    expect(JSON.stringify({ key })).not.toContain(material);
    // Not the encryption key either.
    expect(material).not.toBe(
      createHash('sha256').update(NEW_KEY).digest('hex'),
    );
  });

  it('derives a data-transform key per operation from the newest key, unlike any other derived key', () => {
    const box = new SecretBox([NEW_KEY, KEY]);
    const key = box.dataTransformKey('op-1');
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(new SecretBox([NEW_KEY]).dataTransformKey('op-1')).toBe(key);
    expect(box.dataTransformKey('op-2')).not.toBe(key);
    expect(new SecretBox(KEY).dataTransformKey('op-1')).not.toBe(key);
    expect(key).not.toBe(box.secretHashKey('op-1').export().toString('hex'));
  });
});
