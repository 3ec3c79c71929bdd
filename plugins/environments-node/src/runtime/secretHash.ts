import { createHmac, type KeyObject } from 'node:crypto';

/**
 * Keyed hash (HMAC-SHA256) of secret data, e.g. to put in a pod template so
 * that a changed secret rolls the pods using it. Without the key, which only
 * the backend derives, the hash says nothing about the values. Same data,
 * same hash, whatever the order of its keys.
 *
 * @public
 */
export function secretDataHash(
  key: KeyObject,
  data: Record<string, string>,
): string {
  // Keys are unique: never equal.
  const entries = Object.entries(data).sort(([a], [b]) => (a < b ? -1 : 1));
  return createHmac('sha256', key)
    .update(JSON.stringify(entries))
    .digest('hex')
    .slice(0, 32);
}
