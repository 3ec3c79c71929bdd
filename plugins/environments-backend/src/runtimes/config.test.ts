import { ConfigReader } from '@backstage/config';
import { readEnvironmentsConfig } from '../config';

const secretsKey = 'test-secrets-key-that-is-long-enough';

describe('runtime config', () => {
  it('reads the local runtime delay, unset by default', () => {
    const read = (environments: object) =>
      readEnvironmentsConfig(
        new ConfigReader({ environments: { secretsKey, ...environments } }),
      );
    expect(read({}).localRuntimeDelayMs).toBeUndefined();
    expect(read({ localRuntime: { delayMs: 25 } }).localRuntimeDelayMs).toBe(
      25,
    );
    expect(read({}).defaultRuntime).toBe('local');
  });
});
