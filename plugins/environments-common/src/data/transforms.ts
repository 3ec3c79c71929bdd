import { hmac } from '@noble/hashes/hmac';
import { sha256 } from '@noble/hashes/sha256';
import type { ColumnRule } from './dataRules';

/**
 * HMAC-SHA256 of a value under the key of one copy. Deterministic within a
 * copy (equal values map to equal results), not reversible without the key.
 *
 * @public
 */
export type KeyedHash = (value: string) => Uint8Array;

const encoder = new TextEncoder();

/** HMAC-SHA256 in plain JavaScript (browser and Node alike). @public */
export function hmacSha256Hasher(key: string | Uint8Array): KeyedHash {
  const k = typeof key === 'string' ? encoder.encode(key) : key;
  return value => hmac(sha256, k, encoder.encode(value));
}

const FIRST_NAMES = [
  'Alex',
  'Sam',
  'Robin',
  'Jamie',
  'Kim',
  'Noa',
  'Yuki',
  'Ari',
  'Charlie',
  'Dana',
  'Eli',
  'Frankie',
  'Jo',
  'Lee',
  'Mika',
  'Nico',
  'Pat',
  'Quinn',
  'Remy',
  'Sasha',
  'Tali',
  'Uma',
  'Vic',
  'Wren',
];
const LAST_NAMES = [
  'Berg',
  'Costa',
  'Dahl',
  'Evans',
  'Fischer',
  'Garcia',
  'Haas',
  'Ito',
  'Jensen',
  'Kowalski',
  'Lind',
  'Moreau',
  'Novak',
  'Okafor',
  'Petrov',
  'Quist',
  'Rossi',
  'Sato',
  'Tanaka',
  'Ueda',
  'Varga',
  'Weber',
  'Young',
  'Zeller',
];

function hex(bytes: Uint8Array, length: number): string {
  let out = '';
  for (let i = 0; out.length < length; i++) {
    out += bytes[i].toString(16).padStart(2, '0');
  }
  return out.slice(0, length);
}

function digits(bytes: Uint8Array, from: number, count: number): string {
  let out = '';
  for (let i = 0; i < count; i++) out += String(bytes[from + i] % 10);
  return out;
}

/**
 * The value a column gets in the copy. NULL stays NULL (a `fixed` value
 * replaces it too); every other result depends only on the value, the rule
 * and the key, so joins on a transformed column still match.
 *
 * @public
 */
export function transformValue(
  rule: Pick<ColumnRule, 'transform' | 'value'>,
  value: string | null,
  hash: KeyedHash,
): string | null {
  switch (rule.transform) {
    case 'keep':
      return value;
    case 'null':
      return null;
    case 'fixed':
      return rule.value ?? null;
    default:
      break;
  }
  if (value === null) return null;
  const h = hash(value);
  switch (rule.transform) {
    case 'email':
      // 64 bits of the hash: unique columns stay unique in practice.
      return `user-${hex(h, 16)}@example.invalid`;
    case 'name':
      return `${FIRST_NAMES[h[0] % FIRST_NAMES.length]} ${
        LAST_NAMES[h[1] % LAST_NAMES.length]
      } ${hex(h.subarray(2), 4)}`;
    case 'phone':
      return `+1 555 ${digits(h, 0, 3)} ${digits(h, 3, 4)}`;
    case 'hash':
      return hex(h, 64);
    default:
      return value;
  }
}
