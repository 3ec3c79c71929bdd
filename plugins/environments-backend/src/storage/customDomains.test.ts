import { TestDatabases } from '@backstage/backend-test-utils';
import { ConflictError } from '@backstage/errors';
import type { Service } from '@greenroom/plugin-environments-common';
import { SecretBox } from '../secrets/SecretBox';
import { DatabaseEnvironmentsStore } from './DatabaseEnvironmentsStore';
import { NewEnvironment } from './types';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
const secrets = new SecretBox('a-test-key-that-is-long-enough-for-aes');

const service = (
  name: string,
  customDomains: string[],
  extra: Partial<Service> = {},
): Service => ({
  name,
  kind: 'application',
  ports: [{ port: 8080, public: true }],
  resources: { cpu: '250m', memory: '256Mi' },
  replicas: 1,
  customDomains,
  variables: [],
  ...extra,
});

const environment = (name: string, services: Service[]): NewEnvironment => ({
  name,
  title: name,
  system: 'system:default/shop',
  owner: 'group:default/team-shop',
  mode: 'development',
  runtime: { type: 'local' },
  services,
  variables: [],
  policy: { priority: 50 },
  desiredState: 'running',
  status: 'provisioning',
  origin: { type: 'manual' },
  attention: [],
  createdBy: 'user:default/guest',
});

const operation = {
  type: 'create' as const,
  steps: ['provision'],
  requestedBy: 'user:default/guest',
};

async function storeOn(databaseId: Parameters<typeof databases.init>[0]) {
  const knex = await databases.init(databaseId);
  return {
    knex,
    store: await DatabaseEnvironmentsStore.forTest(knex, secrets),
  };
}

/** The custom domain table, sorted by host. */
const holdings = async (knex: Awaited<ReturnType<typeof databases.init>>) =>
  (
    await knex('environment_custom_domains as d')
      .join('environments as e', 'e.id', 'd.environment_id')
      .select('d.host', 'e.name', 'd.service')
  ).sort((a, b) => a.host.localeCompare(b.host));

describe('DatabaseEnvironmentsStore.findCustomDomainHolders', () => {
  it.each(databases.eachSupportedId())(
    'finds the environments whose services hold exactly these hosts, on %p',
    async databaseId => {
      const { store } = await storeOn(databaseId);
      await store.createEnvironment(
        environment('staging', [
          service('web', ['shop.example.com', 'www.shop.example.com']),
          service('api', ['api.example.com']),
        ]),
        operation,
      );
      await store.createEnvironment(
        environment('other', [
          // The host appears in the spec, but not as a custom domain.
          service('web', [], { image: { repository: 'shop.example.com' } }),
          // LIKE wildcards and case must not widen the match.
          service('api', ['shop-example.com', 'shop1.example.com']),
        ]),
        operation,
      );

      expect(await store.findCustomDomainHolders([])).toEqual([]);
      expect(await store.findCustomDomainHolders(['shop.example.com'])).toEqual(
        [{ host: 'shop.example.com', environmentName: 'staging' }],
      );
      expect(
        (
          await store.findCustomDomainHolders([
            'api.example.com',
            'www.shop.example.com',
            'nobody.example.com',
          ])
        ).sort((a, b) => a.host.localeCompare(b.host)),
      ).toEqual([
        { host: 'api.example.com', environmentName: 'staging' },
        { host: 'www.shop.example.com', environmentName: 'staging' },
      ]);
      expect(await store.findCustomDomainHolders(['shop_example.com'])).toEqual(
        [],
      );
      // DNS names compare case-insensitively.
      expect(await store.findCustomDomainHolders(['SHOP.EXAMPLE.COM'])).toEqual(
        [{ host: 'SHOP.EXAMPLE.COM', environmentName: 'staging' }],
      );
      expect(await store.findCustomDomainHolders(['%'])).toEqual([]);
    },
  );
});

describe('DatabaseEnvironmentsStore: one environment per custom domain', () => {
  it.each(databases.eachSupportedId())(
    'lets exactly one of two concurrent creates take a host, and names the holder to the other, on %p',
    async databaseId => {
      const { knex, store } = await storeOn(databaseId);
      const results = await Promise.allSettled(
        ['dev-a', 'dev-b'].map(name =>
          store.createEnvironment(
            environment(name, [
              service('web', ['www.example.com']),
              service('api', ['shop.example.com']),
            ]),
            operation,
          ),
        ),
      );
      const created = results.flatMap(r =>
        r.status === 'fulfilled' ? [r.value.environment.name] : [],
      );
      const refused = results.flatMap(r =>
        r.status === 'rejected' ? [r.reason] : [],
      );
      expect(created).toHaveLength(1);
      expect(refused).toHaveLength(1);
      const [winner] = created;
      expect(refused[0]).toBeInstanceOf(ConflictError);
      // The first of its hosts that is held, in the order of the request.
      expect(refused[0].message).toBe(
        `services.web.customDomains[0]: domain 'www.example.com' is already used by environment '${winner}'`,
      );
      // The loser left nothing behind.
      expect(
        (await knex('environments').select('name')).map(r => r.name),
      ).toEqual([winner]);
      expect(await holdings(knex)).toEqual([
        { host: 'shop.example.com', name: winner, service: 'api' },
        { host: 'www.example.com', name: winner, service: 'web' },
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'refuses an update that takes a held host without changing anything, and lets one move between its own services, on %p',
    async databaseId => {
      const { knex, store } = await storeOn(databaseId);
      await store.createEnvironment(
        environment('staging', [
          service('web', ['shop.example.com']),
          service('api', []),
        ]),
        operation,
      );
      const { environment: other } = await store.createEnvironment(
        environment('dev', [service('web', ['dev.example.com'])]),
        operation,
      );

      await expect(
        store.updateEnvironmentSpec(
          'dev',
          {
            services: [service('web', ['dev.example.com', 'Shop.Example.com'])],
          },
          {},
        ),
      ).rejects.toThrow(
        new ConflictError(
          "services.web.customDomains[1]: domain 'shop.example.com' is already used by environment 'staging'",
        ),
      );
      expect(await store.getEnvironment('dev')).toEqual(other);

      // Moved from web to api, and one more: same transaction, same holder.
      const moved = await store.updateEnvironmentSpec(
        'staging',
        {
          services: [
            service('web', []),
            service('api', ['shop.example.com', 'api.example.com']),
          ],
        },
        {},
      );
      expect(moved.environment.services.map(s => s.customDomains)).toEqual([
        [],
        ['shop.example.com', 'api.example.com'],
      ]);
      // A change that leaves the services alone leaves the hosts alone.
      await store.updateEnvironmentSpec('staging', { title: 'Staging' }, {});
      expect(await holdings(knex)).toEqual([
        { host: 'api.example.com', name: 'staging', service: 'api' },
        { host: 'dev.example.com', name: 'dev', service: 'web' },
        { host: 'shop.example.com', name: 'staging', service: 'api' },
      ]);

      // Dropped by its holder, a host is free.
      await store.updateEnvironmentSpec(
        'staging',
        { services: [service('web', []), service('api', ['api.example.com'])] },
        {},
      );
      await store.updateEnvironmentSpec(
        'dev',
        { services: [service('web', ['dev.example.com', 'shop.example.com'])] },
        {},
      );
      expect(await store.findCustomDomainHolders(['shop.example.com'])).toEqual(
        [{ host: 'shop.example.com', environmentName: 'dev' }],
      );
    },
  );

  it.each(databases.eachSupportedId())(
    "frees a deleted environment's hosts, on %p",
    async databaseId => {
      const { knex, store } = await storeOn(databaseId);
      const { environment: old } = await store.createEnvironment(
        environment('pr-1', [service('web', ['shop.example.com'])]),
        operation,
      );
      await expect(
        store.createEnvironment(
          environment('pr-2', [service('web', ['shop.example.com'])]),
          operation,
        ),
      ).rejects.toThrow("is already used by environment 'pr-1'");

      await store.deleteEnvironment(old.id);
      expect(await holdings(knex)).toEqual([]);
      await store.createEnvironment(
        environment('pr-2', [service('web', ['shop.example.com'])]),
        operation,
      );
      expect(await store.findCustomDomainHolders(['shop.example.com'])).toEqual(
        [{ host: 'shop.example.com', environmentName: 'pr-2' }],
      );
    },
  );
});
