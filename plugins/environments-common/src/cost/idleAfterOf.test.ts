import { idleAfterOf } from './idleAfterOf';
import { DEFAULT_IDLE_AFTER_MS } from './summarize';

describe('idleAfterOf', () => {
  it("reads the policy's idleAfter", () => {
    expect(idleAfterOf({ idleAfter: '90m' })).toBe(90 * 60 * 1000);
    expect(idleAfterOf({ idleAfter: '0m' })).toBe(0);
  });

  it('defaults to two hours without one', () => {
    expect(idleAfterOf({})).toBe(DEFAULT_IDLE_AFTER_MS);
    expect(idleAfterOf({ idleAfter: '' })).toBe(DEFAULT_IDLE_AFTER_MS);
    expect(idleAfterOf(undefined)).toBe(DEFAULT_IDLE_AFTER_MS);
  });

  it('rejects a malformed duration', () => {
    expect(() => idleAfterOf({ idleAfter: '1.5h' })).toThrow(/whole numbers/);
  });
});
