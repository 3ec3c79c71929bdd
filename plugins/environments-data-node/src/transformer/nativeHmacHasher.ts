import { createHmac } from 'node:crypto';
import type { KeyedHash } from '@greenroom/plugin-environments-common';

/**
 * HMAC-SHA256 by Node's crypto: the same bytes as common's
 * `hmacSha256Hasher`, several times faster on the rows of a copy.
 *
 * @public
 */
export function nativeHmacHasher(key: string): KeyedHash {
  return value => createHmac('sha256', key).update(value, 'utf8').digest();
}
