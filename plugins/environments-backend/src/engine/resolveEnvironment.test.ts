import { createHmac } from 'node:crypto';
import { inspect } from 'node:util';
import type { StoredEnvironment } from '../storage/types';
import { SecretBox } from '../secrets/SecretBox';
import { resolveEnvironment } from './resolveEnvironment';

const box = new SecretBox('a-test-key-that-is-long-enough-for-aes');

const environment = {
  id: 'env-1',
  name: 'shop',
  mode: 'development',
  services: [],
  variables: [{ key: 'TOKEN', kind: 'secret' }],
} as unknown as StoredEnvironment;

const store = {
  getSecretValues: async () => new Map([['/TOKEN', 'canary-secret-value']]),
};

describe('resolveEnvironment', () => {
  it("hands runtimes the environment's secret-hash key from the backend's secrets", async () => {
    const resolved = await resolveEnvironment(store, environment, {
      credentials: async () => ({}),
      secretHashKey: id => box.secretHashKey(id),
    });
    const mac = (key: Parameters<typeof createHmac>[1]) =>
      createHmac('sha256', key).update('x').digest('hex');
    expect(mac(resolved.secretHashKey!)).toBe(mac(box.secretHashKey('env-1')));
    expect(resolved.variables.environment).toContainEqual(
      expect.objectContaining({ key: 'TOKEN', value: 'canary-secret-value' }),
    );
    // Printing or serialising the resolved environment shows no key material.
    const material = resolved.secretHashKey!.export().toString('hex');
    expect(inspect(resolved, { depth: 10 })).not.toContain(material);
    expect(JSON.stringify(resolved)).not.toContain(material);
  });

  it('leaves it out when the source has none', async () => {
    const resolved = await resolveEnvironment(store, environment, {
      credentials: async () => ({}),
    });
    expect(resolved.secretHashKey).toBeUndefined();
  });
});
