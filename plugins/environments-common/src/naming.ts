/**
 * Environment names are DNS-1123 labels that start with a letter and have at
 * most 40 characters, so that `<service>-<environment>` (service names have
 * at most 22) stays within the 63 characters of a DNS label.
 */

/** @public */
export const MAX_ENVIRONMENT_NAME_LENGTH = 40;

/** Service names are shorter so that `<service>-<environment>` fits in 63. @public */
export const MAX_SERVICE_NAME_LENGTH = 22;

// Letters that NFKD does not decompose into a base letter and a mark.
const TRANSLITERATIONS: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
};

const LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const HASH_LENGTH = 6;
const HASH_SPACE = 36 ** HASH_LENGTH;

/**
 * Names the portal uses for its own pages under `/environments/`, so no
 * environment may take them.
 *
 * @public
 */
export const RESERVED_ENVIRONMENT_NAMES: readonly string[] = [
  'new',
  'templates',
  'costs',
];

/**
 * Whether `name` can be used as an environment name as it is.
 *
 * @public
 */
export function isValidEnvironmentName(name: unknown): name is string {
  return (
    typeof name === 'string' &&
    name.length <= MAX_ENVIRONMENT_NAME_LENGTH &&
    LABEL.test(name)
  );
}

/**
 * Whether `name` can be used as a service name (same rules, at most 22 characters).
 *
 * @public
 */
export function isValidServiceName(name: unknown): name is string {
  return (
    typeof name === 'string' &&
    name.length <= MAX_SERVICE_NAME_LENGTH &&
    LABEL.test(name)
  );
}

/**
 * A small deterministic hash of the input (FNV-1a, 32 bits, over UTF-16 code
 * units), as 6 base-36 characters. Not for security: it only keeps names that
 * were cut to the same prefix apart. Pure, so that browsers and Node agree.
 */
export function shortHash(input: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < input.length; i++) {
    hash ^= input.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  // 36^6 is about half of 2^32: fold into 6 base-36 digits.
  return ((hash >>> 0) % HASH_SPACE).toString(36).padStart(HASH_LENGTH, '0');
}

/**
 * Turns any text (a branch name, a PR title, a user's input) into a valid,
 * stable environment name.
 *
 * Lower-cases, transliterates accents (`é` → `e`, `ø` → `o`, `ß` → `ss`), replaces everything else
 * outside `[a-z0-9-]` with `-`, collapses and trims dashes, and prefixes
 * `env-` when the result starts with a digit. When the result is longer than
 * 40 characters it is cut and suffixed with `-` and a 6-character hash of the
 * full input, so long inputs that share a prefix still get different names.
 * Input with nothing usable (e.g. only emoji) becomes `env-<hash>`.
 *
 * Names this function returns come back unchanged when passed in again.
 *
 * @public
 */
export function toEnvironmentName(input: string): string {
  let name = String(input)
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[ßæœøłđðþı]/g, letter => TRANSLITERATIONS[letter])
    .replace(/[^a-z0-9-]+/gu, '-')
    .replace(/-+/g, '-')
    .replace(/^-+|-+$/g, '');

  if (name === '') {
    return `env-${shortHash(input)}`;
  }
  if (/^[0-9]/.test(name)) {
    name = `env-${name}`;
  }
  if (name.length > MAX_ENVIRONMENT_NAME_LENGTH) {
    const keep = MAX_ENVIRONMENT_NAME_LENGTH - HASH_LENGTH - 1;
    name = `${name.slice(0, keep).replace(/-+$/, '')}-${shortHash(input)}`;
  }
  return name;
}
