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
  getEnvironmentById: async () => undefined,
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

  describe('with a shared baseline', () => {
    const base = {
      id: 'base-1',
      name: 'staging',
      mode: 'staging',
      desiredState: 'running',
      runtime: { type: 'kubernetes' },
      services: [
        {
          name: 'web',
          kind: 'application',
          ports: [{ port: 80 }],
          variables: [],
        },
        {
          name: 'api',
          kind: 'application',
          ports: [{ port: 8080 }],
          variables: [],
        },
        {
          name: 'db',
          kind: 'database',
          ports: [],
          database: { engine: 'postgresql', version: '16', mode: 'container' },
          variables: [],
        },
      ],
      variables: [],
    } as unknown as StoredEnvironment;
    const preview = (databases: 'share' | 'clone') =>
      ({
        id: 'pr-1',
        name: 'pr-7',
        mode: 'preview',
        runtime: { type: 'kubernetes' },
        baseline: {
          environmentId: 'base-1',
          environment: 'staging',
          databases,
        },
        services: [base.services[0]],
        variables: [],
      } as unknown as StoredEnvironment);
    const credentials = {
      credentials: async (id: string, names: string[]) =>
        Object.fromEntries(
          names.map(name => [name, { password: `${id}/${name}-password` }]),
        ),
    };
    const lookup = (found?: StoredEnvironment) => ({
      ...store,
      getEnvironmentById: async (id: string) =>
        id === 'base-1' ? found : undefined,
    });

    it("resolves the services it does not deploy to the base's hosts, with the base's credentials for a shared database", async () => {
      const resolved = await resolveEnvironment(
        lookup(base),
        preview('share'),
        credentials,
      );
      const web = new Map(
        resolved.variables.services.web.map(v => [v.key, v.value]),
      );
      expect(web.get('GR_WEB_HOST')).toBe('web-pr-7');
      expect(web.get('GR_API_URL')).toBe('http://api-staging:8080');
      expect(web.get('GR_DB_HOST')).toBe('db-staging');
      expect(web.get('GR_DB_PASSWORD')).toBe('base-1/db-password');
      expect(resolved.baseline).toEqual({
        environment: { id: 'base-1', name: 'staging', runtime: base.runtime },
        services: [base.services[1], base.services[2]],
      });
    });

    it('never hands out the base database password unless databases are shared', async () => {
      const resolved = await resolveEnvironment(
        lookup(base),
        preview('clone'),
        credentials,
      );
      expect(JSON.stringify(resolved.variables)).not.toContain(
        'base-1/db-password',
      );
    });

    it('resolves nothing to a base that is gone', async () => {
      const resolved = await resolveEnvironment(
        lookup({ ...base, desiredState: 'deleted' }),
        preview('share'),
        credentials,
      );
      expect(resolved.baseline).toBeUndefined();
      const keys = resolved.variables.services.web.map(v => v.key);
      expect(keys).not.toContain('GR_API_HOST');
    });
  });
});
