import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createSecretKey,
  hkdfSync,
  randomBytes,
  type KeyObject,
} from 'node:crypto';

const IV_BYTES = 12;
const TAG_BYTES = 16;
/** At least this many characters per configured key. */
export const MIN_SECRETS_KEY_LENGTH = 32;

// HKDF-SHA256 with a fixed salt and one `info` per purpose: the key that
// encrypts and the key that hashes secret data never coincide.
const HKDF_SALT = 'greenroom/secrets-key/v2';
const ENCRYPTION_INFO = 'greenroom/secret-box/aes-256-gcm';
const SECRET_HASH_INFO = 'greenroom/secret-hash/';
const DATA_TRANSFORM_INFO = 'greenroom/data-transform/';

interface BoxKey {
  /** Short, non-secret fingerprint of the derived key, stored with each value. */
  id: string;
  /** AES-256 key of `v2` values (HKDF). */
  key: Buffer;
  /** AES-256 key of `v1` values: sha256 of the configured text, as before. */
  legacyKey: Buffer;
}

function hkdf(material: Buffer, info: string): Buffer {
  return Buffer.from(hkdfSync('sha256', material, HKDF_SALT, info, 32));
}

function deriveKey(text: string): BoxKey {
  const material = Buffer.from(text, 'utf8');
  const key = hkdf(material, ENCRYPTION_INFO);
  return {
    id: createHash('sha256').update(key).digest('hex').slice(0, 12),
    key,
    legacyKey: createHash('sha256').update(material).digest(),
  };
}

function unknownFormat(): Error {
  return new Error('Stored secret is not in a known format');
}

/**
 * Encrypts secret values at rest with AES-256-GCM and a random IV per value.
 *
 * Several keys may be configured (`environments.secretsKeys`): the first
 * encrypts, all decrypt, so a key can be rotated (see {@link SecretRotation}).
 * Keys are derived from the configured text with HKDF-SHA256. Stored form:
 * `v2:<key id>:<iv>:<tag>:<ciphertext>` (base64 parts; the key id is a short
 * fingerprint of the derived key, not secret). Values of the first format,
 * `v1:<iv>:<tag>:<ciphertext>` (key = sha256 of the text), still decrypt.
 *
 * The optional `context` (e.g. environment id + variable key) is bound as
 * additional authenticated data, so a ciphertext copied onto another variable
 * does not decrypt.
 */
export class SecretBox {
  readonly #keys: BoxKey[];
  /** The newest key's text, only for deriving per-purpose keys. */
  readonly #primary: Buffer;

  /**
   * @param keys - the newest first; a single string is a list of one (the
   * old `environments.secretsKey`).
   */
  constructor(keys: string | readonly string[]) {
    const list = typeof keys === 'string' ? [keys] : [...keys];
    if (list.length === 0) {
      throw new Error('environments.secretsKeys: at least one key is required');
    }
    list.forEach((key, index) => {
      if (typeof key !== 'string' || key.length < MIN_SECRETS_KEY_LENGTH) {
        const name =
          typeof keys === 'string'
            ? 'environments.secretsKey'
            : `environments.secretsKeys[${index}]`;
        throw new Error(
          `${name} must be at least ${MIN_SECRETS_KEY_LENGTH} characters long`,
        );
      }
    });
    this.#keys = list.map(deriveKey);
    this.#primary = Buffer.from(list[0], 'utf8');
  }

  /** Fingerprint of the key new values are encrypted with. */
  get currentKeyId(): string {
    return this.#keys[0].id;
  }

  encrypt(plaintext: string, context = ''): string {
    const { id, key } = this.#keys[0];
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const ciphertext = Buffer.concat([
      cipher.update(plaintext, 'utf8'),
      cipher.final(),
    ]);
    return [
      'v2',
      id,
      iv.toString('base64'),
      cipher.getAuthTag().toString('base64'),
      ciphertext.toString('base64'),
    ].join(':');
  }

  decrypt(stored: string, context = ''): string {
    const parts = stored.split(':');
    if (parts[0] === 'v2' && parts.length === 5) {
      const [, id, iv, tag, ciphertext] = parts;
      const candidates = this.#keys.filter(k => k.id === id);
      if (candidates.length === 0) {
        throw new Error(
          `Stored secret was encrypted with a key that is not configured (key id ${id}); add that key to environments.secretsKeys`,
        );
      }
      return this.#open(
        candidates.map(k => k.key),
        iv,
        tag,
        ciphertext,
        context,
      );
    }
    if (parts[0] === 'v1' && parts.length === 4) {
      const [, iv, tag, ciphertext] = parts;
      return this.#open(
        this.#keys.map(k => k.legacyKey),
        iv,
        tag,
        ciphertext,
        context,
      );
    }
    throw unknownFormat();
  }

  /** True when the value is stored under the newest key and format. */
  isCurrent(stored: string): boolean {
    return stored.startsWith(`v2:${this.currentKeyId}:`);
  }

  /**
   * The value encrypted again under the newest key (same context), or
   * undefined when it already is. The plaintext never leaves the box.
   */
  reencrypt(stored: string, context = ''): string | undefined {
    if (this.isCurrent(stored)) return undefined;
    return this.encrypt(this.decrypt(stored, context), context);
  }

  /**
   * The key runtimes hash an environment's secret data with (HMAC-SHA256),
   * so a changed secret rolls the pods using it without its value, or an
   * unkeyed hash of it, ever leaving the backend. Stable for a given newest
   * key; a KeyObject, so logging it shows no key material.
   */
  secretHashKey(environmentId: string): KeyObject {
    return createSecretKey(
      hkdf(this.#primary, `${SECRET_HASH_INFO}${environmentId}`),
    );
  }

  /**
   * The key of one operation's data copies (their deterministic transforms):
   * every attempt of the operation maps values the same way, another
   * operation differently. Hex, for runtimes that pass it to a job; never
   * log it.
   */
  dataTransformKey(operationId: string): string {
    return hkdf(this.#primary, `${DATA_TRANSFORM_INFO}${operationId}`).toString(
      'hex',
    );
  }

  #open(
    keys: Buffer[],
    iv: string,
    tag: string,
    ciphertext: string,
    context: string,
  ): string {
    const authTag = Buffer.from(tag, 'base64');
    if (authTag.length !== TAG_BYTES || !iv) throw unknownFormat();
    let failure: unknown;
    for (const key of keys) {
      try {
        const decipher = createDecipheriv(
          'aes-256-gcm',
          key,
          Buffer.from(iv, 'base64'),
        );
        decipher.setAAD(Buffer.from(context, 'utf8'));
        decipher.setAuthTag(authTag);
        return Buffer.concat([
          decipher.update(Buffer.from(ciphertext, 'base64')),
          decipher.final(),
        ]).toString('utf8');
      } catch (error) {
        failure = error;
      }
    }
    throw failure ?? unknownFormat();
  }
}
