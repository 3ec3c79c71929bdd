import {
  createCipheriv,
  createDecipheriv,
  createHash,
  randomBytes,
} from 'node:crypto';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Encrypts secret variable values at rest with AES-256-GCM. The key is derived
 * from `environments.secretsKey` with SHA-256, and each value gets a random IV.
 * Stored form: `v1:<iv>:<tag>:<ciphertext>`, base64 parts.
 *
 * The optional `context` (e.g. environment id + variable key) is bound as
 * additional authenticated data, so a ciphertext copied onto another variable
 * does not decrypt.
 */
export class SecretBox {
  readonly #key: Buffer;

  constructor(secretsKey: string) {
    if (secretsKey.length < 32) {
      throw new Error(
        'environments.secretsKey must be at least 32 characters long',
      );
    }
    this.#key = createHash('sha256').update(secretsKey, 'utf8').digest();
  }

  encrypt(plaintext: string, context = ''): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const ciphertext = Buffer.concat([
      cipher.update(plaintext, 'utf8'),
      cipher.final(),
    ]);
    return [
      VERSION,
      iv.toString('base64'),
      cipher.getAuthTag().toString('base64'),
      ciphertext.toString('base64'),
    ].join(':');
  }

  decrypt(stored: string, context = ''): string {
    const [version, iv, tag, ciphertext] = stored.split(':');
    if (version !== VERSION || !iv || !tag || ciphertext === undefined) {
      throw new Error('Stored secret is not in a known format');
    }
    const decipher = createDecipheriv(
      'aes-256-gcm',
      this.#key,
      Buffer.from(iv, 'base64'),
    );
    decipher.setAAD(Buffer.from(context, 'utf8'));
    const authTag = Buffer.from(tag, 'base64');
    if (authTag.length !== TAG_BYTES) {
      throw new Error('Stored secret is not in a known format');
    }
    decipher.setAuthTag(authTag);
    return Buffer.concat([
      decipher.update(Buffer.from(ciphertext, 'base64')),
      decipher.final(),
    ]).toString('utf8');
  }
}
