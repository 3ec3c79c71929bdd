import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import { NewEnvironment } from './types';
import {
  START,
  db,
  interval,
  newEnvironment,
  newOperation,
  setupStore,
  web,
} from './__testUtils__/storeFixtures';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
const setup = (databaseId: TestDatabaseId) => setupStore(databases, databaseId);

describe('EnvironmentStore', () => {
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
        await expect(
          store.getEnvironmentHeaderById(environment.id),
        ).resolves.toEqual(await store.getEnvironmentHeader('shop-dev'));
        await expect(
          store.getEnvironmentHeaderById(environment.id),
        ).resolves.toMatchObject({ id: environment.id, name: 'shop-dev' });
        await expect(
          store.getEnvironmentHeaderById('nope'),
        ).resolves.toBeUndefined();

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
          [
            'shop-dev',
            { services: [web, db], expiresAt: '2026-03-05T09:00:00.000Z' },
          ],
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

        // The narrow reads: the same fields as the header, nothing else.
        const pick = <K extends keyof typeof header>(keys: K[]) =>
          Object.fromEntries(
            keys.filter(k => k in header).map(k => [k, header[k]]),
          );
        const policyFields = pick([
          'id',
          'name',
          'owner',
          'mode',
          'status',
          'desiredState',
          'policy',
          'expiresAt',
          'lastActivityAt',
          'revision',
        ]);
        const policyPage = await store.listPolicyEnvironments({
          afterName: 'pay-prod',
          limit: 1,
        });
        expect(policyPage).toEqual([policyFields]);
        expect(await store.getPolicyEnvironment('shop-dev')).toEqual(
          policyFields,
        );
        expect(await store.getPolicyEnvironment('nope')).toBeUndefined();
        // The sweep's read: the same fields, times in epoch milliseconds.
        const [policyMs] = await store.listPolicyEnvironmentsMs({
          afterName: 'pay-prod',
          limit: 1,
        });
        const { expiresAt, lastActivityAt, ...untimed } = policyFields;
        expect(policyMs).toEqual({
          ...untimed,
          lastActivityAt: Date.parse(lastActivityAt as string),
          expiresAt: Date.parse('2026-03-05T09:00:00.000Z'),
        });
        expect(expiresAt).toBe('2026-03-05T09:00:00.000Z');
        expect(typeof policyMs.lastActivityAt).toBe('number');
        const allPolicy = await store.listPolicyEnvironments({ limit: 10 });
        expect(allPolicy.map(e => e.name)).toEqual(names);

        const costPage = await store.listCostEnvironments({});
        expect(costPage.map(e => e.name)).toEqual(names);
        expect(costPage.find(e => e.name === 'shop-dev')).toEqual(
          pick(['id', 'name', 'owner', 'system', 'mode', 'policy']),
        );
        const costFiltered = await store.listCostEnvironments({
          filter: { owner: 'group:default/team-pay' },
          access: {
            anyOf: [{ allOf: [{ not: { mode: ['production'] } }] }],
          },
        });
        expect(costFiltered.map(e => e.name)).toEqual(['pay-dev']);
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

        // a conditional status leaves one an operation set in the meantime
        await store.updateEnvironmentStatus(environment.id, {
          status: 'stopping',
        });
        await store.updateEnvironmentStatus(environment.id, {
          status: 'degraded',
          onlyIfStatusIn: ['running', 'degraded'],
        });
        expect((await store.getEnvironment('x'))!.status).toBe('stopping');
        await store.updateEnvironmentStatus(environment.id, {
          status: 'running',
          onlyIfStatusIn: ['stopping'],
        });
        expect((await store.getEnvironment('x'))!.status).toBe('running');
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

  describe('activity', () => {
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
  });
});
