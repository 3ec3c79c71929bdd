import { hmacSha256Hasher } from '@greenroom/plugin-environments-common';
import { nativeHmacHasher } from './nativeHmacHasher';

describe('nativeHmacHasher', () => {
  it.each([
    ['a short key', 'copy-key'],
    ['a key longer than a block', 'k'.repeat(100)],
  ])('gives the bytes of common’s HMAC-SHA256 with %s', (_, key) => {
    const native = nativeHmacHasher(key);
    const plain = hmacSha256Hasher(key);
    for (const value of [
      '',
      'ada@example.com',
      'Zoë Ünal 東京',
      'x'.repeat(1365),
      'y'.repeat(1366),
      'z'.repeat(10000),
      '😀'.repeat(2000),
    ]) {
      expect(Buffer.from(native(value)).toString('hex')).toBe(
        Buffer.from(plain(value)).toString('hex'),
      );
    }
  });

  it('does not mix up values hashed one after the other', () => {
    const native = nativeHmacHasher('k');
    const first = Buffer.from(native('a much longer first value')).toString(
      'hex',
    );
    native('b');
    expect(
      Buffer.from(native('a much longer first value')).toString('hex'),
    ).toBe(first);
  });
});
