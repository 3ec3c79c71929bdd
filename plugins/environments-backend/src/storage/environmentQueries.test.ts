import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import {
  EnvironmentAccessFilter,
  EnvironmentSort,
  NewEnvironment,
} from './types';
import {
  db,
  newEnvironment,
  newOperation,
  setupStore,
  web,
} from './__testUtils__/storeFixtures';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
const setup = (databaseId: TestDatabaseId) => setupStore(databases, databaseId);

describe('listing environments', () => {
  describe('listEnvironments', () => {
    async function seed(databaseId: Parameters<typeof setup>[0]) {
      const context = await setup(databaseId);
      const { store, clock } = context;
      const specs: Array<[string, Partial<NewEnvironment>]> = [
        [
          'alpha',
          {
            title: 'Checkout 100% rewrite',
            services: [web],
            expiresAt: '2026-03-09T00:00:00.000Z',
          },
        ],
        [
          'bravo',
          {
            title: 'Payments_v2',
            owner: 'group:default/team-pay',
            mode: 'staging',
            services: [db],
          },
        ],
        [
          'charlie',
          {
            title: 'CHECKOUT load test',
            system: 'system:default/search',
            expiresAt: '2026-03-04T00:00:00.000Z',
            // Not alpha's custom domain: a host belongs to one environment.
            services: [db, { ...web, name: 'api', customDomains: [] }],
          },
        ],
        [
          'delta',
          {
            title: 'Production',
            mode: 'production',
            owner: 'group:default/team-pay',
          },
        ],
        [
          'echo',
          {
            title: 'Preview of #12',
            mode: 'preview',
            expiresAt: '2026-03-06T00:00:00.000Z',
          },
        ],
      ];
      for (const [name, overrides] of specs) {
        clock.tick(60_000);
        await store.createEnvironment(
          newEnvironment(name, overrides),
          newOperation(),
        );
      }
      return context;
    }

    const all = { allow: 'all' } as const;

    function names(result: { items: Array<{ name: string }> }) {
      return result.items.map(item => item.name);
    }

    it.each(databases.eachSupportedId())('filters on %p', async databaseId => {
      const { store } = await seed(databaseId);
      const list = (filter: object) =>
        store
          .listEnvironments({
            filter,
            access: all,
            sort: 'name',
            limit: 50,
            offset: 0,
          })
          .then(names);

      await expect(list({})).resolves.toEqual([
        'alpha',
        'bravo',
        'charlie',
        'delta',
        'echo',
      ]);
      await expect(list({ system: 'system:default/search' })).resolves.toEqual([
        'charlie',
      ]);
      await expect(list({ owner: 'group:default/team-pay' })).resolves.toEqual([
        'bravo',
        'delta',
      ]);
      await expect(list({ mode: 'preview' })).resolves.toEqual(['echo']);
      await expect(list({ status: 'provisioning' })).resolves.toHaveLength(5);
      await expect(list({ status: 'running' })).resolves.toEqual([]);
      await expect(
        list({ component: 'component:default/shop-web' }),
      ).resolves.toEqual(['alpha', 'charlie']);
      await expect(list({ q: 'checkout' })).resolves.toEqual([
        'alpha',
        'charlie',
      ]);
      await expect(list({ q: 'HARL' })).resolves.toEqual(['charlie']);
      // LIKE wildcards are matched literally
      await expect(list({ q: '100%' })).resolves.toEqual(['alpha']);
      await expect(list({ q: '%' })).resolves.toEqual(['alpha']);
      await expect(list({ q: 's_v' })).resolves.toEqual(['bravo']);
      await expect(list({ q: '_' })).resolves.toEqual(['bravo']);
      await expect(
        list({
          mode: 'development',
          q: 'checkout',
          owner: 'group:default/team-shop',
        }),
      ).resolves.toEqual(['alpha', 'charlie']);
    });

    it.each(databases.eachSupportedId())(
      'sorts, pages and counts on %p',
      async databaseId => {
        const { store, clock } = await seed(databaseId);
        clock.tick(60_000);
        await store.updateEnvironmentSpec('alpha', { title: 'touched' }, {});
        const { environment: bravo } = await store.updateEnvironmentSpec(
          'bravo',
          { title: 'touched' },
          {},
        );
        await store.recordActivity(bravo.id, {
          kind: 'view',
          at: new Date('2026-03-03T00:00:00.000Z'),
        });
        const list = (sort: EnvironmentSort) =>
          store
            .listEnvironments({
              filter: {},
              access: all,
              sort,
              limit: 50,
              offset: 0,
            })
            .then(names);

        await expect(list('-name')).resolves.toEqual([
          'echo',
          'delta',
          'charlie',
          'bravo',
          'alpha',
        ]);
        // alpha and bravo were updated at the same time: name breaks the tie
        await expect(list('updatedAt')).resolves.toEqual([
          'charlie',
          'delta',
          'echo',
          'alpha',
          'bravo',
        ]);
        await expect(list('-updatedAt')).resolves.toEqual([
          'alpha',
          'bravo',
          'echo',
          'delta',
          'charlie',
        ]);
        await expect(list('-lastActivityAt')).resolves.toEqual([
          'bravo',
          'echo',
          'delta',
          'charlie',
          'alpha',
        ]);
        await expect(list('lastActivityAt')).resolves.toEqual([
          'alpha',
          'charlie',
          'delta',
          'echo',
          'bravo',
        ]);
        // environments that never expire come last in both directions
        await expect(list('expiresAt')).resolves.toEqual([
          'charlie',
          'echo',
          'alpha',
          'bravo',
          'delta',
        ]);
        await expect(list('-expiresAt')).resolves.toEqual([
          'alpha',
          'echo',
          'charlie',
          'bravo',
          'delta',
        ]);

        const page = await store.listEnvironments({
          filter: { mode: 'development' },
          access: all,
          sort: 'name',
          limit: 1,
          offset: 1,
        });
        expect(names(page)).toEqual(['charlie']);
        expect(page.totalCount).toBe(2);
        const beyond = await store.listEnvironments({
          filter: {},
          access: all,
          sort: 'name',
          limit: 10,
          offset: 10,
        });
        expect(beyond).toEqual({ items: [], totalCount: 5 });
      },
    );

    it.each(databases.eachSupportedId())(
      'applies the access filter as SQL on %p',
      async databaseId => {
        const { store } = await seed(databaseId);
        const list = async (access: EnvironmentAccessFilter) => {
          const result = await store.listEnvironments({
            filter: {},
            access,
            sort: 'name',
            limit: 2,
            offset: 0,
          });
          return { names: names(result), totalCount: result.totalCount };
        };

        await expect(list({ allow: 'none' })).resolves.toEqual({
          names: [],
          totalCount: 0,
        });
        await expect(list({ anyOf: [] })).resolves.toEqual({
          names: [],
          totalCount: 0,
        });
        await expect(list({ anyOf: [{ allOf: [] }] })).resolves.toMatchObject({
          totalCount: 5,
        });
        await expect(
          list({ anyOf: [{ allOf: [{ owner: ['group:default/team-pay'] }] }] }),
        ).resolves.toEqual({ names: ['bravo', 'delta'], totalCount: 2 });
        await expect(
          list({
            anyOf: [
              {
                allOf: [
                  { owner: ['group:default/team-pay'] },
                  { not: { mode: ['production'] } },
                ],
              },
              { allOf: [{ mode: ['preview', 'production'] }] },
            ],
          }),
        ).resolves.toEqual({ names: ['bravo', 'delta'], totalCount: 3 });
        await expect(
          list({
            anyOf: [
              { allOf: [{ not: { owner: ['group:default/team-shop'] } }] },
            ],
          }),
        ).resolves.toEqual({ names: ['bravo', 'delta'], totalCount: 2 });
        await expect(
          list({ anyOf: [{ allOf: [{ owner: [] }] }] }),
        ).resolves.toEqual({ names: [], totalCount: 0 });
        // Not one of no owners: every environment.
        await expect(
          list({ anyOf: [{ allOf: [{ not: { owner: [] } }] }] }),
        ).resolves.toMatchObject({ totalCount: 5 });
      },
    );

    it.each(databases.eachSupportedId())(
      'compares owners case-insensitively in the access filter, as IS_OWNER does, on %p',
      async databaseId => {
        const { store } = await setup(databaseId);
        // Rows written before owners were normalized may hold any case, and
        // a policy may name owners in any case.
        await store.createEnvironment(
          newEnvironment('mixed', { owner: 'group:default/Team-Pay' }),
          newOperation(),
        );
        await store.createEnvironment(
          newEnvironment('lower', { owner: 'group:default/team-shop' }),
          newOperation(),
        );
        const list = async (access: EnvironmentAccessFilter) => {
          const result = await store.listEnvironments({
            filter: {},
            access,
            sort: 'name',
            limit: 10,
            offset: 0,
          });
          const headers = await store.listEnvironmentHeaders({
            access,
            limit: 10,
          });
          expect(headers.map(h => h.name)).toEqual(names(result));
          return { names: names(result), totalCount: result.totalCount };
        };
        const owners = (...refs: string[]): EnvironmentAccessFilter => ({
          anyOf: [{ allOf: [{ owner: refs }] }],
        });

        await expect(list(owners('group:default/team-pay'))).resolves.toEqual({
          names: ['mixed'],
          totalCount: 1,
        });
        await expect(list(owners('GROUP:Default/TEAM-SHOP'))).resolves.toEqual({
          names: ['lower'],
          totalCount: 1,
        });
        await expect(
          list({
            anyOf: [
              { allOf: [{ not: { owner: ['group:default/team-pay'] } }] },
            ],
          }),
        ).resolves.toEqual({ names: ['lower'], totalCount: 1 });
        await expect(
          list({
            anyOf: [
              { allOf: [{ not: { owner: ['Group:default/Team-Shop'] } }] },
            ],
          }),
        ).resolves.toEqual({ names: ['mixed'], totalCount: 1 });
      },
    );

    it.each(databases.eachSupportedId())(
      'loads a page in a constant number of queries on %p',
      async databaseId => {
        const { knex, store } = await seed(databaseId);
        const queries: string[] = [];
        const onQuery = (query: Knex.Sql) => queries.push(query.sql);
        knex.on('query', onQuery);
        try {
          const { items } = await store.listEnvironments({
            filter: {},
            access: { allow: 'all' },
            sort: 'name',
            limit: 50,
            offset: 0,
          });
          expect(items).toHaveLength(5);
          expect(items[2].services.map(s => s.name)).toEqual(['db', 'api']);
          expect(items[2].services[1].variables).toHaveLength(3);
        } finally {
          knex.removeListener('query', onQuery);
        }
        // count, page, services, variables
        expect(queries).toHaveLength(4);
      },
    );
  });
});
