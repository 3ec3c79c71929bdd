import { createSecretKey, randomBytes } from 'node:crypto';
import { secretDataHash } from './secretHash';

describe('secretDataHash', () => {
  const key = createSecretKey(randomBytes(32));

  it('changes with any value or key, not with their order', () => {
    const base = secretDataHash(key, { A: '1', B: '2' });
    expect(secretDataHash(key, { B: '2', A: '1' })).toBe(base);
    expect(secretDataHash(key, { A: '1', B: '3' })).not.toBe(base);
    expect(secretDataHash(key, { A: '1', C: '2' })).not.toBe(base);
    expect(secretDataHash(key, { A: '1' })).not.toBe(base);
    expect(base).toMatch(/^[0-9a-f]{32}$/);
  });

  it('depends on the key, so it cannot be checked against guessed values without it', () => {
    const other = createSecretKey(randomBytes(32));
    expect(secretDataHash(key, { A: '1' })).not.toBe(
      secretDataHash(other, { A: '1' }),
    );
  });
});
