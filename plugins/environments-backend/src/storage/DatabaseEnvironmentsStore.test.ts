import { TestDatabases } from '@backstage/backend-test-utils';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import type { Service } from '@greenroom/plugin-environments-common';
import { Knex } from 'knex';
import { SecretBox } from '../secrets/SecretBox';
import { DatabaseEnvironmentsStore } from './DatabaseEnvironmentsStore';
import {
  EnvironmentAccessFilter,
  EnvironmentSort,
  NewEnvironment,
  NewOperation,
  OperationRecord,
} from './types';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
const secrets = new SecretBox('a-test-key-that-is-long-enough-for-aes');

const START = new Date('2026-03-02T09:00:00.000Z');

async function setup(databaseId: Parameters<typeof databases.init>[0]) {
  const knex = await databases.init(databaseId);
  let now = START;
  const store = await DatabaseEnvironmentsStore.forTest(knex, secrets, {
    now: () => now,
  });
  const clock = {
    tick(ms: number) {
      now = new Date(now.getTime() + ms);
    },
    now: () => now,
  };
  return { knex, store, clock };
}

const web: Service = {
  name: 'web',
  kind: 'application',
  componentRef: 'component:default/shop-web',
  image: { repository: 'ghcr.io/acme/shop-web', tag: '1.4.2' },
  ports: [{ port: 8080, public: true }],
  resources: { cpu: '250m', memory: '256Mi' },
  replicas: 2,
  customDomains: ['shop.example.com'],
  variables: [
    { key: 'LOG_LEVEL', kind: 'value', value: 'debug' },
    { key: 'STRIPE_KEY', kind: 'secret', value: 'sk_live_web' },
    { key: 'DATABASE_URL', kind: 'alias', aliasOf: 'GR_DB_URL' },
  ],
};

const db: Service = {
  name: 'db',
  kind: 'database',
  template: { ref: 'servicetemplate:default/postgres', version: '1.2.0' },
  ports: [{ port: 5432, public: false }],
  resources: { cpu: '500m', memory: '1Gi', storage: '10Gi' },
  replicas: 1,
  database: { engine: 'postgresql', version: '16', mode: 'container' },
  customDomains: [],
  variables: [],
};

function newEnvironment(
  name: string,
  overrides: Partial<NewEnvironment> = {},
): NewEnvironment {
  return {
    name,
    title: `Title of ${name}`,
    system: 'system:default/shop',
    owner: 'group:default/team-shop',
    mode: 'development',
    runtime: { type: 'local' },
    services: [],
    variables: [],
    policy: { idleAfter: '2h', priority: 50 },
    desiredState: 'running',
    status: 'provisioning',
    origin: { type: 'manual' },
    attention: [],
    createdBy: 'user:default/guest',
    ...overrides,
  };
}

function newOperation(overrides: Partial<NewOperation> = {}): NewOperation {
  return {
    type: 'create',
    steps: ['provision', 'observe'],
    requestedBy: 'user:default/guest',
    ...overrides,
  };
}

describe('DatabaseEnvironmentsStore', () => {
  describe('environments', () => {
    it.each(databases.eachSupportedId())(
      'round-trips an environment with services, variables and secrets on %p',
      async databaseId => {
        const { knex, store } = await setup(databaseId);
        const input = newEnvironment('shop-dev', {
          runtime: { type: 'kubernetes', target: 'dev-cluster' },
          // not in name order, to check that the order is kept
          services: [web, db],
          variables: [
            { key: 'REGION', kind: 'value', value: 'eu-west-1' },
            { key: 'SHARED_SECRET', kind: 'secret', value: 'top-secret' },
          ],
          policy: {
            idleAfter: '2h',
            schedule: {
              timezone: 'Europe/Paris',
              active: 'Mon-Fri 08:00-20:00',
            },
            ttl: '3d',
            priority: 70,
          },
          origin: { type: 'clone', sourceEnvironmentId: 'source-id' },
          attention: [{ item: 'secret:PAYPAL_KEY', reason: 'not copied' }],
          expiresAt: '2026-03-05T09:00:00.000Z',
        });

        const { environment, operation } = await store.createEnvironment(
          input,
          newOperation(),
        );

        expect(environment).toEqual({
          id: expect.any(String),
          name: 'shop-dev',
          title: 'Title of shop-dev',
          system: 'system:default/shop',
          owner: 'group:default/team-shop',
          mode: 'development',
          runtime: { type: 'kubernetes', target: 'dev-cluster' },
          services: [
            {
              ...web,
              // secrets come back without their value; variables by key
              variables: [
                { key: 'DATABASE_URL', kind: 'alias', aliasOf: 'GR_DB_URL' },
                { key: 'LOG_LEVEL', kind: 'value', value: 'debug' },
                { key: 'STRIPE_KEY', kind: 'secret' },
              ],
            },
            db,
          ],
          variables: [
            { key: 'REGION', kind: 'value', value: 'eu-west-1' },
            { key: 'SHARED_SECRET', kind: 'secret' },
          ],
          policy: input.policy,
          desiredState: 'running',
          status: 'provisioning',
          origin: input.origin,
          attention: input.attention,
          expiresAt: '2026-03-05T09:00:00.000Z',
          lastActivityAt: START.toISOString(),
          createdBy: 'user:default/guest',
          createdAt: START.toISOString(),
          updatedAt: START.toISOString(),
          revision: 1,
        });
        expect(environment.services[0].variables[2]).not.toHaveProperty(
          'value',
        );
        expect(operation).toMatchObject({
          environmentId: environment.id,
          environmentName: 'shop-dev',
          type: 'create',
          status: 'queued',
          steps: [
            { name: 'provision', status: 'queued' },
            { name: 'observe', status: 'queued' },
          ],
          checkpoints: {},
          attempts: 0,
        });

        await expect(store.getEnvironment('shop-dev')).resolves.toEqual(
          environment,
        );
        await expect(store.getEnvironmentById(environment.id)).resolves.toEqual(
          environment,
        );
        await expect(store.getEnvironment('nope')).resolves.toBeUndefined();
        await expect(store.getEnvironmentById('nope')).resolves.toBeUndefined();

        await expect(store.getSecretValues(environment.id)).resolves.toEqual(
          new Map([
            ['/SHARED_SECRET', 'top-secret'],
            ['web/STRIPE_KEY', 'sk_live_web'],
          ]),
        );
        const rows = await knex('environment_variables')
          .where({ kind: 'secret' })
          .select('value');
        expect(rows).toHaveLength(2);
        for (const { value } of rows) {
          expect(value).toMatch(/^v2:[0-9a-f]{12}:/);
          expect(value).not.toContain('top-secret');
          expect(value).not.toContain('sk_live_web');
        }
      },
    );

    it.each(databases.eachSupportedId())(
      'refuses a taken name and leaves nothing half-made on %p',
      async databaseId => {
        const { knex, store } = await setup(databaseId);
        await store.createEnvironment(
          newEnvironment('shop-dev', { services: [db] }),
          newOperation(),
        );

        const again = store.createEnvironment(
          newEnvironment('shop-dev', { services: [web] }),
          newOperation(),
        );
        await expect(again).rejects.toThrow(ConflictError);
        await expect(again).rejects.toThrow(/shop-dev/);

        expect(await knex('environments').select('name')).toEqual([
          { name: 'shop-dev' },
        ]);
        expect(await knex('environment_services').select('name')).toEqual([
          { name: 'db' },
        ]);
        expect(await knex('operations').select('id')).toHaveLength(1);
      },
    );

    it.each(databases.eachSupportedId())(
      'rolls the environment back when its operation cannot be created on %p',
      async databaseId => {
        const { store } = await setup(databaseId);
        await store.createEnvironment(
          newEnvironment('first'),
          newOperation({ idempotencyKey: 'key-1' }),
        );

        await expect(
          store.createEnvironment(
            newEnvironment('second', { services: [web] }),
            newOperation({ idempotencyKey: 'key-1' }),
          ),
        ).rejects.toThrow(ConflictError);
        await expect(store.getEnvironment('second')).resolves.toBeUndefined();
      },
    );

    it.each(databases.eachSupportedId())(
      'lets exactly one of two concurrent creates of a name win on %p',
      async databaseId => {
        const { knex, store } = await setup(databaseId);
        const results = await Promise.allSettled([
          store.createEnvironment(newEnvironment('race'), newOperation()),
          store.createEnvironment(newEnvironment('race'), newOperation()),
        ]);

        expect(results.filter(r => r.status === 'fulfilled')).toHaveLength(1);
        const [rejected] = results.filter(r => r.status === 'rejected');
        expect((rejected as PromiseRejectedResult).reason).toBeInstanceOf(
          ConflictError,
        );
        expect(await knex('operations').select('id')).toHaveLength(1);
      },
    );

    it.each(databases.eachSupportedId())(
      'pages through environment headers by name, with filters and access, on %p',
      async databaseId => {
        const { store } = await setup(databaseId);
        for (const [name, overrides] of [
          ['shop-dev', { services: [web, db] }],
          ['shop-staging', { mode: 'staging' }],
          ['pay-dev', { owner: 'group:default/team-pay' }],
          ['pay-prod', { owner: 'group:default/team-pay', mode: 'production' }],
          ['ada-dev', {}],
        ] as const) {
          await store.createEnvironment(
            newEnvironment(name, overrides as Partial<NewEnvironment>),
            newOperation(),
          );
        }

        const names: string[] = [];
        let afterName: string | undefined;
        for (;;) {
          const page = await store.listEnvironmentHeaders({
            afterName,
            limit: 2,
          });
          names.push(...page.map(e => e.name));
          if (page.length < 2) break;
          afterName = page[page.length - 1].name;
        }
        expect(names).toEqual([
          'ada-dev',
          'pay-dev',
          'pay-prod',
          'shop-dev',
          'shop-staging',
        ]);

        const [shop] = await store.listEnvironmentHeaders({
          afterName: 'pay-prod',
          limit: 1,
        });
        const full = await store.getEnvironment('shop-dev');
        const { services, variables: _variables, ...header } = full!;
        expect(services).toHaveLength(2);
        expect(shop).toEqual(header);

        const filtered = await store.listEnvironmentHeaders({
          filter: { owner: 'group:default/team-pay' },
          access: {
            anyOf: [{ allOf: [{ not: { mode: ['production'] } }] }],
          },
          limit: 10,
        });
        expect(filtered.map(e => e.name)).toEqual(['pay-dev']);
      },
    );

    it.each(databases.eachSupportedId())(
      'updates the spec, bumping revision and updatedAt, on %p',
      async databaseId => {
        const { store, clock } = await setup(databaseId);
        await store.createEnvironment(
          newEnvironment('shop-dev', {
            services: [web],
            expiresAt: '2026-03-05T09:00:00.000Z',
          }),
          newOperation(),
        );
        clock.tick(60_000);

        const { environment, operation } = await store.updateEnvironmentSpec(
          'shop-dev',
          {
            title: 'Shop (dev)',
            desiredState: 'stopped',
            expiresAt: null,
            // sent back as the API shows it: the secret without its value
            services: [
              { ...db },
              {
                ...web,
                replicas: 3,
                variables: [
                  { key: 'STRIPE_KEY', kind: 'secret' },
                  { key: 'NEW_SECRET', kind: 'secret', value: 'fresh' },
                ],
              },
            ],
          },
          {
            expectedRevision: 1,
            operation: newOperation({ type: 'update', steps: ['apply'] }),
          },
        );

        expect(environment).toMatchObject({
          title: 'Shop (dev)',
          desiredState: 'stopped',
          revision: 2,
          createdAt: START.toISOString(),
          updatedAt: clock.now().toISOString(),
        });
        expect(environment.expiresAt).toBeUndefined();
        expect(environment.services.map(s => [s.name, s.replicas])).toEqual([
          ['db', 1],
          ['web', 3],
        ]);
        expect(operation).toMatchObject({ type: 'update', status: 'queued' });
        await expect(
          store.listOperations(environment.id),
        ).resolves.toHaveLength(2);
        await expect(store.getSecretValues(environment.id)).resolves.toEqual(
          new Map([
            ['web/STRIPE_KEY', 'sk_live_web'],
            ['web/NEW_SECRET', 'fresh'],
          ]),
        );
        await expect(store.getEnvironment('shop-dev')).resolves.toEqual(
          environment,
        );
      },
    );

    it.each(databases.eachSupportedId())(
      'rejects stale revisions, unknown names and secrets without a value on %p',
      async databaseId => {
        const { store } = await setup(databaseId);
        await store.createEnvironment(newEnvironment('x'), newOperation());
        await store.updateEnvironmentSpec('x', { title: 'one' }, {});
        await store.updateEnvironmentSpec('x', { title: 'two' }, {});
        await store.updateEnvironmentSpec('x', { title: 'three' }, {});

        const stale = store.updateEnvironmentSpec(
          'x',
          { title: 'four' },
          { expectedRevision: 3, operation: newOperation({ type: 'update' }) },
        );
        await expect(stale).rejects.toThrow(ConflictError);
        await expect(stale).rejects.toThrow(
          "environment 'x' has revision 4, not 3",
        );
        await expect(
          store.updateEnvironmentSpec('y', { title: 'four' }, {}),
        ).rejects.toThrow(NotFoundError);
        await expect(
          store.updateEnvironmentSpec(
            'x',
            {
              services: [
                { ...web, variables: [{ key: 'UNSET', kind: 'secret' }] },
              ],
            },
            {},
          ),
        ).rejects.toThrow(InputError);

        const environment = await store.getEnvironment('x');
        expect(environment).toMatchObject({ title: 'three', revision: 4 });
        expect(environment!.services).toEqual([]);
        await expect(
          store.listOperations(environment!.id),
        ).resolves.toHaveLength(1);
      },
    );

    it.each(databases.eachSupportedId())(
      'serialises concurrent spec updates on %p',
      async databaseId => {
        const { store } = await setup(databaseId);
        await store.createEnvironment(newEnvironment('x'), newOperation());

        const results = await Promise.allSettled(
          ['a', 'b', 'c'].map(title =>
            store.updateEnvironmentSpec(
              'x',
              { title },
              { expectedRevision: 1 },
            ),
          ),
        );

        expect(results.filter(r => r.status === 'fulfilled')).toHaveLength(1);
        await expect(store.getEnvironment('x')).resolves.toMatchObject({
          revision: 2,
        });
      },
    );

    it.each(databases.eachSupportedId())(
      'updates status and activity without touching the revision on %p',
      async databaseId => {
        const { store, clock } = await setup(databaseId);
        const { environment } = await store.createEnvironment(
          newEnvironment('x'),
          newOperation(),
        );
        clock.tick(1_000);

        await store.updateEnvironmentStatus(environment.id, {
          status: 'running',
          lastActivityAt: '2026-03-02T10:00:00.000Z',
        });
        const running = await store.getEnvironment('x');
        expect(running).toMatchObject({
          status: 'running',
          revision: 1,
          lastActivityAt: '2026-03-02T10:00:00.000Z',
          updatedAt: clock.now().toISOString(),
        });

        // the same status again, and an older activity, change nothing
        clock.tick(1_000);
        await store.updateEnvironmentStatus(environment.id, {
          status: 'running',
          lastActivityAt: '2026-03-02T09:30:00.000Z',
        });
        await expect(store.getEnvironment('x')).resolves.toEqual(running);
      },
    );

    it.each(databases.eachSupportedId())(
      'deletes an environment but keeps its operations and ledger on %p',
      async databaseId => {
        const { knex, store } = await setup(databaseId);
        const { environment } = await store.createEnvironment(
          newEnvironment('x', {
            services: [web, db],
            variables: [{ key: 'A', kind: 'value', value: '1' }],
          }),
          newOperation(),
        );
        await store.openServiceInterval(interval(environment.id, 'web'), START);

        await store.deleteEnvironment(environment.id);

        await expect(store.getEnvironment('x')).resolves.toBeUndefined();
        expect(await knex('environment_services')).toEqual([]);
        expect(await knex('environment_variables')).toEqual([]);
        await expect(
          store.listOperations(environment.id),
        ).resolves.toHaveLength(1);
        await expect(
          store.listServiceIntervals(environment.id),
        ).resolves.toHaveLength(1);
        // the name is free again
        await store.createEnvironment(newEnvironment('x'), newOperation());
      },
    );
  });

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

  describe('variables', () => {
    it.each(databases.eachSupportedId())(
      'puts and deletes variables at both scopes on %p',
      async databaseId => {
        const { store } = await setup(databaseId);
        const { environment } = await store.createEnvironment(
          newEnvironment('x', { services: [db] }),
          newOperation(),
        );

        let updated = await store.putVariable(
          'x',
          { key: 'TOKEN', kind: 'secret', value: 'one' },
          { expectedRevision: 1 },
        );
        expect(updated.revision).toBe(2);
        expect(updated.variables).toEqual([{ key: 'TOKEN', kind: 'secret' }]);

        // replace, at service scope as well
        updated = await store.putVariable(
          'x',
          { key: 'TOKEN', kind: 'secret', value: 'two' },
          {},
        );
        updated = await store.putVariable(
          'x',
          { key: 'POOL', kind: 'value', value: '5' },
          { service: 'db', expectedRevision: 3 },
        );
        expect(updated.revision).toBe(4);
        expect(updated.services[0].variables).toEqual([
          { key: 'POOL', kind: 'value', value: '5' },
        ]);
        await expect(store.getSecretValues(environment.id)).resolves.toEqual(
          new Map([['/TOKEN', 'two']]),
        );

        await expect(
          store.putVariable(
            'x',
            { key: 'A', kind: 'value', value: '1' },
            { expectedRevision: 3 },
          ),
        ).rejects.toThrow("environment 'x' has revision 4, not 3");
        await expect(
          store.putVariable(
            'x',
            { key: 'A', kind: 'value', value: '1' },
            { service: 'cache' },
          ),
        ).rejects.toThrow("service 'cache' not found in environment 'x'");
        await expect(
          store.putVariable(
            'nope',
            { key: 'A', kind: 'value', value: '1' },
            {},
          ),
        ).rejects.toThrow(NotFoundError);

        await expect(
          store.deleteVariable('x', 'POOL', {
            service: 'db',
            expectedRevision: 4,
          }),
        ).resolves.toBe(true);
        await expect(store.deleteVariable('x', 'POOL', {})).resolves.toBe(
          false,
        );
        await expect(
          store.deleteVariable('x', 'TOKEN', { service: 'cache' }),
        ).rejects.toThrow(NotFoundError);
        await expect(
          store.deleteVariable('x', 'TOKEN', { expectedRevision: 4 }),
        ).rejects.toThrow(ConflictError);
        await expect(store.deleteVariable('x', 'TOKEN', {})).resolves.toBe(
          true,
        );

        const final = await store.getEnvironment('x');
        expect(final).toMatchObject({ revision: 6, variables: [] });
        expect(final!.services[0].variables).toEqual([]);
        await expect(store.getSecretValues(environment.id)).resolves.toEqual(
          new Map(),
        );
      },
    );
  });

  describe('operations', () => {
    it.each(databases.eachSupportedId())(
      'returns the existing operation for a repeated idempotency key on %p',
      async databaseId => {
        const { store } = await setup(databaseId);
        const { environment } = await store.createEnvironment(
          newEnvironment('x'),
          newOperation(),
        );
        const stop = newOperation({
          type: 'stop',
          steps: ['stop'],
          idempotencyKey: 'abc',
          input: { reason: 'manual' },
        });

        const first = await store.createOperation(environment.id, stop);
        const second = await store.createOperation(environment.id, stop);
        expect(first.created).toBe(true);
        expect(second).toEqual({ operation: first.operation, created: false });
        expect(first.operation.input).toEqual({ reason: 'manual' });
        await expect(
          store.findOperationByIdempotencyKey('user:default/guest', 'abc'),
        ).resolves.toEqual({ operation: first.operation });

        // The fingerprint of the request is kept beside the operation, never on it.
        const fingerprinted = await store.createOperation(environment.id, {
          ...stop,
          idempotencyKey: 'ghi',
          requestFingerprint: 'f'.repeat(64),
        });
        expect(fingerprinted.operation).not.toHaveProperty(
          'requestFingerprint',
        );
        await expect(
          store.findOperationByIdempotencyKey('user:default/guest', 'ghi'),
        ).resolves.toEqual({
          operation: fingerprinted.operation,
          requestFingerprint: 'f'.repeat(64),
        });

        // the key is per user
        const other = await store.createOperation(environment.id, {
          ...stop,
          requestedBy: 'user:default/other',
        });
        expect(other.created).toBe(true);

        const concurrent = await Promise.all(
          [1, 2, 3].map(() =>
            store.createOperation(environment.id, {
              ...stop,
              idempotencyKey: 'def',
            }),
          ),
        );
        expect(concurrent.filter(c => c.created)).toHaveLength(1);
        expect(new Set(concurrent.map(c => c.operation.id)).size).toBe(1);

        await expect(
          store.createOperation('unknown', newOperation()),
        ).rejects.toThrow(NotFoundError);
        await expect(store.getOperation('unknown')).resolves.toBeUndefined();
      },
    );

    it.each(databases.eachSupportedId())(
      'claims the oldest runnable operation, one per environment, on %p',
      async databaseId => {
        const { store, clock } = await setup(databaseId);
        const { environment: x, operation: createX } =
          await store.createEnvironment(newEnvironment('x'), newOperation());
        clock.tick(1);
        const { operation: createY } = await store.createEnvironment(
          newEnvironment('y'),
          newOperation(),
        );
        clock.tick(1);
        const { operation: stopX } = await store.createOperation(
          x.id,
          newOperation({ type: 'stop' }),
        );

        const first = await store.claimOperation('replica-1', 30_000);
        expect(first).toMatchObject({
          id: createX.id,
          status: 'running',
          attempts: 1,
          leaseOwner: 'replica-1',
          leaseExpiresAt: new Date(
            clock.now().getTime() + 30_000,
          ).toISOString(),
        });
        await expect(store.getOperation(createX.id)).resolves.toEqual(first);

        // x is busy, so y's create comes next, then nothing
        await expect(
          store.claimOperation('replica-2', 30_000),
        ).resolves.toMatchObject({ id: createY.id });
        await expect(
          store.claimOperation('replica-2', 30_000),
        ).resolves.toBeUndefined();

        // once x's create is done, its stop may run
        await expect(
          store.updateOperation(createX.id, 'replica-1', {
            status: 'succeeded',
          }),
        ).resolves.toBe(true);
        await expect(
          store.claimOperation('replica-2', 30_000),
        ).resolves.toMatchObject({ id: stopX.id, leaseOwner: 'replica-2' });
      },
    );

    it.each(databases.eachSupportedId())(
      'takes over an expired lease on %p',
      async databaseId => {
        const { store, clock } = await setup(databaseId);
        const { operation } = await store.createEnvironment(
          newEnvironment('x'),
          newOperation(),
        );
        await store.claimOperation('replica-1', 10_000);
        await store.updateOperation(operation.id, 'replica-1', {
          checkpoints: { namespace: { created: true } },
        });

        clock.tick(5_000);
        await expect(
          store.renewLease(operation.id, 'replica-1', 10_000),
        ).resolves.toBe(true);
        clock.tick(9_000);
        await expect(
          store.claimOperation('replica-2', 10_000),
        ).resolves.toBeUndefined();
        clock.tick(2_000);

        const taken = await store.claimOperation('replica-2', 10_000);
        expect(taken).toMatchObject({
          id: operation.id,
          attempts: 2,
          leaseOwner: 'replica-2',
          checkpoints: { namespace: { created: true } },
        });

        // the old owner can no longer write
        await expect(
          store.renewLease(operation.id, 'replica-1', 10_000),
        ).resolves.toBe(false);
        await expect(
          store.updateOperation(operation.id, 'replica-1', {
            status: 'failed',
          }),
        ).resolves.toBe(false);
        await expect(store.getOperation(operation.id)).resolves.toMatchObject({
          status: 'running',
        });
      },
    );

    it.each(databases.eachSupportedId())(
      'saves progress, merges checkpoints and ends the lease on %p',
      async databaseId => {
        const { store, clock } = await setup(databaseId);
        const { operation } = await store.createEnvironment(
          newEnvironment('x'),
          newOperation(),
        );
        await store.claimOperation('replica-1', 10_000);
        clock.tick(1_000);

        await store.updateOperation(operation.id, 'replica-1', {
          steps: [
            {
              name: 'provision',
              status: 'succeeded',
              startedAt: START.toISOString(),
              finishedAt: clock.now().toISOString(),
            },
            { name: 'observe', status: 'running' },
          ],
          checkpoints: { a: 1 },
        });
        await store.updateOperation(operation.id, 'replica-1', {
          checkpoints: { b: [2] },
        });
        await store.updateOperation(operation.id, 'replica-1', {
          status: 'failed',
          error: 'runtime unavailable',
        });

        const stored = await store.getOperation(operation.id);
        expect(stored).toMatchObject({
          status: 'failed',
          error: 'runtime unavailable',
          checkpoints: { a: 1, b: [2] },
          updatedAt: clock.now().toISOString(),
        });
        expect(stored!.steps[0].status).toBe('succeeded');
        expect(stored!.leaseOwner).toBeUndefined();
        expect(stored!.leaseExpiresAt).toBeUndefined();
        await expect(
          store.claimOperation('replica-2', 10_000),
        ).resolves.toBeUndefined();
      },
    );

    it.each(databases.eachSupportedId())(
      'never gives the same operation to concurrent claimers on %p',
      async databaseId => {
        const { store, clock } = await setup(databaseId);
        for (const name of ['a', 'b', 'c', 'd']) {
          clock.tick(1);
          await store.createEnvironment(newEnvironment(name), newOperation());
        }
        // a second operation of 'a' must wait for the first
        const a = await store.getEnvironment('a');
        await store.createOperation(a!.id, newOperation({ type: 'stop' }));

        const claims = await Promise.all(
          Array.from({ length: 8 }, (_, i) =>
            store.claimOperation(`replica-${i}`, 30_000),
          ),
        );
        const claimed = claims.filter(c => c !== undefined);
        expect(new Set(claimed.map(c => c!.id)).size).toBe(claimed.length);
        expect(new Set(claimed.map(c => c!.environmentName)).size).toBe(
          claimed.length,
        );

        // whatever was skipped under contention is claimed afterwards
        const rest: OperationRecord[] = [];
        let claim = await store.claimOperation('late', 30_000);
        while (claim) {
          rest.push(claim);
          claim = await store.claimOperation('late', 30_000);
        }
        expect(
          [...claimed, ...rest].map(c => c!.environmentName).sort(),
        ).toEqual(['a', 'b', 'c', 'd']);
      },
    );

    it.each(databases.eachSupportedId())(
      'runs one operation of an environment at a time under concurrency on %p',
      async databaseId => {
        const { store, clock } = await setup(databaseId);
        const { environment } = await store.createEnvironment(
          newEnvironment('x'),
          newOperation(),
        );
        for (const type of ['stop', 'start', 'extend', 'update'] as const) {
          clock.tick(1);
          await store.createOperation(environment.id, newOperation({ type }));
        }

        // Each claimer that skips the operation another one has locked
        // finds the next operation of the same environment.
        for (let round = 0; round < 3; round++) {
          const claims = await Promise.all(
            Array.from({ length: 5 }, (_, i) =>
              store.claimOperation(`replica-${i}`, 30_000),
            ),
          );
          const claimed = claims.filter(c => c !== undefined);
          expect(claimed).toHaveLength(1);
          await store.updateOperation(claimed[0]!.id, claimed[0]!.leaseOwner!, {
            status: 'succeeded',
          });
        }
      },
    );

    it.each(databases.eachSupportedId())(
      'lists operations newest first on %p',
      async databaseId => {
        const { store, clock } = await setup(databaseId);
        const { environment, operation: create } =
          await store.createEnvironment(newEnvironment('x'), newOperation());
        clock.tick(1);
        const { operation: stop } = await store.createOperation(
          environment.id,
          newOperation({ type: 'stop' }),
        );
        clock.tick(1);
        const { operation: start } = await store.createOperation(
          environment.id,
          newOperation({ type: 'start' }),
        );

        const all = await store.listOperations(environment.id);
        expect(all.map(o => o.id)).toEqual([start.id, stop.id, create.id]);
        const latest = await store.listOperations(environment.id, { limit: 1 });
        expect(latest.map(o => o.id)).toEqual([start.id]);
      },
    );
  });

  describe('activity and ledger', () => {
    it.each(databases.eachSupportedId())(
      'records activity and only moves lastActivityAt forward on %p',
      async databaseId => {
        const { knex, store } = await setup(databaseId);
        const { environment } = await store.createEnvironment(
          newEnvironment('x'),
          newOperation(),
        );

        await store.recordActivity(environment.id, {
          kind: 'view',
          actor: 'user:default/guest',
          at: new Date('2026-03-02T12:00:00.000Z'),
        });
        await store.recordActivity(environment.id, {
          kind: 'deploy',
          at: new Date('2026-03-02T11:00:00.000Z'),
        });

        await expect(store.getEnvironment('x')).resolves.toMatchObject({
          lastActivityAt: '2026-03-02T12:00:00.000Z',
          revision: 1,
        });
        const rows = await knex('activity')
          .where({ environment_id: environment.id })
          .orderBy('at');
        expect(rows.map(r => [r.kind, r.actor])).toEqual([
          ['deploy', null],
          ['view', 'user:default/guest'],
        ]);
      },
    );

    it.each(databases.eachSupportedId())(
      'keeps service intervals on %p',
      async databaseId => {
        const { store } = await setup(databaseId);
        const at = (hours: number) =>
          new Date(START.getTime() + hours * 3_600_000);

        await store.openServiceInterval(interval('env-1', 'web'), at(0));
        await store.openServiceInterval(
          { ...interval('env-1', 'db'), instanceClass: 'db.t4g.micro' },
          at(0),
        );
        await store.openServiceInterval(
          {
            ...interval('env-1', 'web'),
            state: 'stopped',
            reason: 'auto-stop',
          },
          at(2),
        );
        await store.openServiceInterval(interval('env-2', 'web'), at(0));
        await store.closeServiceIntervals('env-1', at(3), 'db');
        await store.closeServiceIntervals('env-1', at(5));

        await expect(store.listServiceIntervals('env-1')).resolves.toEqual([
          {
            ...interval('env-1', 'web'),
            startedAt: at(0).toISOString(),
            endedAt: at(2).toISOString(),
          },
          {
            ...interval('env-1', 'db'),
            instanceClass: 'db.t4g.micro',
            startedAt: at(0).toISOString(),
            endedAt: at(3).toISOString(),
          },
          {
            ...interval('env-1', 'web'),
            state: 'stopped',
            reason: 'auto-stop',
            startedAt: at(2).toISOString(),
            endedAt: at(5).toISOString(),
          },
        ]);
        await expect(store.listServiceIntervals('env-2')).resolves.toEqual([
          { ...interval('env-2', 'web'), startedAt: at(0).toISOString() },
        ]);
      },
    );
  });
});

function interval(environmentId: string, serviceName: string) {
  return {
    environmentId,
    serviceName,
    state: 'running' as const,
    cpuCores: 0.25,
    memoryGb: 0.5,
    storageGb: 1.5,
  };
}
