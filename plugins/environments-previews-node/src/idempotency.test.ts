import { idempotencyKey } from './idempotency';

describe('idempotencyKey', () => {
  const changeRequest = { repository: 'example/storefront', number: 42 };

  it('keys by provider, delivery and action, or falls back to the event', () => {
    expect(
      idempotencyKey({
        provider: 'github',
        deliveryId: 'abc',
        changeRequest,
        action: 'clone',
        fallback: 'sha',
      }),
    ).toBe('github:abc:clone');
    expect(
      idempotencyKey({
        provider: 'gitlab',
        changeRequest,
        action: 'clone',
        fallback: 'sha',
      }),
    ).toBe('gitlab:example/storefront#42:clone:sha');
  });
});
