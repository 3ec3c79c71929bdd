import { newIdempotencyKey } from './idempotencyKey';

describe('newIdempotencyKey', () => {
  const { crypto } = globalThis;

  afterEach(() => {
    Object.defineProperty(globalThis, 'crypto', {
      value: crypto,
      configurable: true,
    });
  });

  it('is a new key each time', () => {
    const keys = new Set(Array.from({ length: 50 }, newIdempotencyKey));
    expect(keys.size).toBe(50);
  });

  it('still makes unique keys where crypto.randomUUID is missing', () => {
    Object.defineProperty(globalThis, 'crypto', {
      value: undefined,
      configurable: true,
    });
    const first = newIdempotencyKey();
    expect(first).toMatch(/^[0-9a-z]+-[0-9a-z]+$/);
    expect(newIdempotencyKey()).not.toBe(first);
  });
});
