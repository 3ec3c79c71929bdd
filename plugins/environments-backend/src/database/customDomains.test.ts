import { TestDatabases } from '@backstage/backend-test-utils';
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

describe('DatabaseEnvironmentsStore.findCustomDomainHolders', () => {
  it.each(databases.eachSupportedId())(
    'finds the environments whose services hold exactly these hosts, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await DatabaseEnvironmentsStore.forTest(knex, secrets);
      const operation = {
        type: 'create' as const,
        steps: ['provision'],
        requestedBy: 'user:default/guest',
      };
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
      expect(await store.findCustomDomainHolders(['SHOP.EXAMPLE.COM'])).toEqual(
        [],
      );
      expect(await store.findCustomDomainHolders(['%'])).toEqual([]);
    },
  );
});
