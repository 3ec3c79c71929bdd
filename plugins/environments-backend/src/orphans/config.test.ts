import { ConfigReader } from '@backstage/config';
import { readEnvironmentsConfig } from '../config';

const secretsKey = 'test-secrets-key-that-is-long-enough';

describe('orphan collection config', () => {
  it('only reports unless an operator opts into delete', () => {
    const read = (orphans?: object) =>
      readEnvironmentsConfig(
        new ConfigReader({ environments: { secretsKey, orphans } }),
      ).orphans.action;
    expect(read()).toBe('report');
    expect(read({ gracePeriod: '1h' })).toBe('report');
    expect(read({ action: 'delete' })).toBe('delete');
    expect(() => read({ action: 'purge' })).toThrow(
      'environments.orphans.action',
    );
  });
});
