import { createHash, createHmac, hash } from 'node:crypto';
import type { KeyedHash } from '@greenroom/plugin-environments-common';

const BLOCK = 64;
/** Values up to this many bytes are hashed in a reused buffer. */
const SMALL = 4096;

/**
 * HMAC-SHA256 by Node's crypto: the same bytes as common's
 * `hmacSha256Hasher`, several times faster on the rows of a copy. Short
 * values (nearly all column values) take HMAC's two hashes in one-shot
 * `crypto.hash` calls over reused buffers, a third faster again than an
 * `Hmac` object per value.
 *
 * @public
 */
export function nativeHmacHasher(key: string): KeyedHash {
  let k = Buffer.from(key, 'utf8');
  if (k.length > BLOCK) k = createHash('sha256').update(k).digest();
  const inner = Buffer.alloc(BLOCK + SMALL, 0x36);
  const outer = Buffer.alloc(BLOCK + 32, 0x5c);
  for (let i = 0; i < k.length; i++) {
    inner[i] ^= k[i];
    outer[i] ^= k[i];
  }
  return value => {
    if (value.length * 3 > SMALL) {
      return createHmac('sha256', key).update(value, 'utf8').digest();
    }
    const length = inner.write(value, BLOCK, 'utf8');
    hash('sha256', inner.subarray(0, BLOCK + length), 'buffer').copy(
      outer,
      BLOCK,
    );
    return hash('sha256', outer, 'buffer');
  };
}
