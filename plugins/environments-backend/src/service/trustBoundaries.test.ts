// What a caller may ask of the API:
// lifetimes, ownership, production, pull requests, updates authorized before
// and after, runtime targets, priorities, cost-driving inputs, custom domains.
import {
  TestDatabaseId,
  TestDatabases,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { stringifyEntityRef } from '@backstage/catalog-model';
import request from 'supertest';
import { permissionsExcept } from '../__testUtils__/permissions';
import { waitFor } from '../engine/testing/waitFor';
import { environmentsPlugin } from '../plugin';

jest.setTimeout(120_000);

const API = '/api/environments';
const DAY = 24 * 60 * 60 * 1000;
const ADMIN = 'environments.admin';

const input = (name: string, extra: object = {}) => ({
  name,
  system: 'shop',
  owner: 'team-shop',
  mode: 'development',
  services: [
    {
      name: 'web',
      kind: 'application',
      image: { repository: 'ghcr.io/example/web', tag: '1.0.0' },
      ports: [{ port: 8080, public: true }],
    },
  ],
  ...extra,
});

const redis = {
  apiVersion: 'greenroom.dev/v1alpha1',
  kind: 'ServiceTemplate',
  metadata: { name: 'redis', namespace: 'default' },
  spec: {
    owner: 'group:default/platform',
    type: 'cache',
    version: '1.0.0',
    lifecycle: 'production',
    parameters: { type: 'object', properties: {} },
    service: {
      kind: 'database',
      database: { engine: 'redis', version: '7', mode: 'container' },
    },
  },
};

describe('trust boundaries of the environments API', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  async function start(
    options: {
      databaseId?: TestDatabaseId;
      permissions?: ReturnType<typeof permissionsExcept>;
      /** The mock user's ownership refs (besides the user). */
      groups?: string[];
      config?: object;
    } = {},
  ) {
    const knex = options.databaseId
      ? await databases.init(options.databaseId)
      : undefined;
    const groups = options.groups ?? ['group:default/team-shop'];
    const { server } = await startTestBackend({
      features: [
        environmentsPlugin,
        ...(knex ? [mockServices.database.factory({ knex })] : []),
        mockServices.rootConfig.factory({
          data: {
            environments: {
              secretsKey: 'test-secrets-key-that-is-long-enough',
              localRuntime: { delayMs: 5 },
              ...options.config,
            },
          },
        }),
        ...(options.permissions ? [options.permissions.factory] : []),
        mockServices.userInfo.mock({
          getUserInfo: async (credentials: any) => ({
            userEntityRef: credentials.principal.userEntityRef,
            ownershipEntityRefs: [
              credentials.principal.userEntityRef,
              ...groups,
            ],
          }),
        }).factory,
        catalogServiceMock.mock({
          getEntities: async () => ({ items: [redis as any] }),
          getEntityByRef: async (ref: any) =>
            String(ref).toLowerCase() === stringifyEntityRef(redis as any)
              ? (redis as any)
              : undefined,
        }).factory,
      ],
    });
    return server;
  }

  const get = async (server: any, name: string) =>
    (await request(server).get(`${API}/environments/${name}`)).body;

  async function create(server: any, body: object) {
    const res = await request(server).post(`${API}/environments`).send(body);
    expect(res.status).toBe(202);
    return res.body.environment;
  }

  /** Waits until the environment has no queued or running operation. */
  async function settled(server: any, name: string) {
    await waitFor(async () => {
      const { items } = (
        await request(server).get(`${API}/environments/${name}/operations`)
      ).body;
      return items.every((o: any) => !['queued', 'running'].includes(o.status));
    });
  }

  const count = async (server: any) =>
    (await request(server).get(`${API}/environments`)).body.totalCount;

  function expectError(res: request.Response, status: number, text: string) {
    expect({ status: res.status, message: res.body.error?.message }).toEqual({
      status,
      message: expect.stringContaining(text),
    });
  }

  describe('lifecycle and TTL', () => {
    it.each(databases.eachSupportedId())(
      'extends from the later of now and the expiry, never gives one, and stays within the lifetime, on %p',
      async databaseId => {
        const server = await start({ databaseId });
        await create(server, input('prod', { mode: 'production' }));
        const forever = await request(server)
          .post(`${API}/environments/prod/extend`)
          .send({ by: '1d' });
        expectError(
          forever,
          409,
          "by: environment 'prod' has no expiry to extend",
        );

        const preview = await create(
          server,
          input('pr-1', { mode: 'preview', policy: { ttl: '3d' } }),
        );
        const expiry = Date.parse(preview.expiresAt);
        expect(expiry).toBeGreaterThan(Date.now() + 3 * DAY - 60_000);
        await settled(server, 'pr-1');

        for (const [by, text] of [
          ['0m', 'by: must be at least 1m'],
          ['-1d', 'by: Invalid duration "-1d": negative'],
          ['14290000w', 'by: Invalid duration "14290000w": it is too large'],
          [
            '12d',
            'but preview environments expire at most 14d from now (environments.limits.maxLifetime.preview)',
          ],
        ]) {
          const res = await request(server)
            .post(`${API}/environments/pr-1/extend`)
            .send({ by });
          expectError(res, 400, text);
        }
        const extended = await request(server)
          .post(`${API}/environments/pr-1/extend`)
          .send({ by: '1d' });
        expect(extended.status).toBe(202);
        await settled(server, 'pr-1');
        expect((await get(server, 'pr-1')).expiresAt).toBe(
          new Date(expiry + DAY).toISOString(),
        );

        // A renewal (a push to the PR) keeps a later expiry, or makes it
        // now + by: repeated, it never adds up beyond the lifetime.
        for (let i = 0; i < 6; i++) {
          await request(server)
            .post(`${API}/environments/pr-1/extend`)
            .send({ by: '3d', renew: true })
            .expect(202);
        }
        await settled(server, 'pr-1');
        expect((await get(server, 'pr-1')).expiresAt).toBe(
          new Date(expiry + DAY).toISOString(),
        );
        await request(server)
          .post(`${API}/environments/pr-1/extend`)
          .send({ by: '10d', renew: true })
          .expect(202);
        await settled(server, 'pr-1');
        const renewed = Date.parse((await get(server, 'pr-1')).expiresAt);
        expect(renewed).toBeGreaterThan(Date.now() + 10 * DAY - 60_000);
        expect(renewed).toBeLessThanOrEqual(Date.now() + 10 * DAY);
        const tooLong = await request(server)
          .post(`${API}/environments/pr-1/extend`)
          .send({ by: '15d', renew: true });
        expectError(tooLong, 400, 'by: the expiry would be');
        expect((await get(server, 'prod')).expiresAt).toBeUndefined();
      },
    );

    it('refuses zero, absurd and too long lifetimes on create and clone, naming the field; a mode with a limit always gets an expiry', async () => {
      const server = await start();
      for (const [body, text] of [
        [
          input('a', { policy: { ttl: '14290000w' } }),
          'policy.ttl: Invalid duration "14290000w": it is too large',
        ],
        [
          input('a', { policy: { ttl: '0m' } }),
          'policy.ttl: must be at least 1m',
        ],
        [
          input('a', { mode: 'preview', policy: { ttl: '15d' } }),
          'policy.ttl: at most 14d for preview environments (environments.limits.maxLifetime.preview)',
        ],
        [
          input('a', { mode: 'preview', ttl: '30d' }),
          'ttl: at most 14d for preview environments (environments.limits.maxLifetime.preview)',
        ],
        [
          input('a', {
            mode: 'preview',
            expiresAt: new Date(Date.now() + 20 * DAY).toISOString(),
          }),
          'expiresAt: the expiry would be',
        ],
      ] as const) {
        const res = await request(server)
          .post(`${API}/environments`)
          .send(body);
        expectError(res, 400, text);
      }
      expect(await count(server)).toBe(0);

      const short = await create(server, input('dev-short', { ttl: '2d' }));
      expect(short.policy.ttl).toBe('2d');
      expect(Date.parse(short.expiresAt)).toBeLessThanOrEqual(
        Date.now() + 2 * DAY,
      );
      const dev = await create(server, input('dev-a'));
      const lifetime = Date.parse(dev.expiresAt) - Date.now();
      expect(lifetime).toBeGreaterThan(90 * DAY - 60_000);
      expect(lifetime).toBeLessThanOrEqual(90 * DAY);

      const clone = await request(server)
        .post(`${API}/environments/dev-a/clone`)
        .send({ name: 'pr-2', mode: 'preview', ttl: '15d' });
      expectError(clone, 400, 'ttl: at most 14d for preview environments');
      const dryRun = await request(server)
        .post(`${API}/environments/dev-a/clone`)
        .send({ name: 'pr-2', mode: 'preview', ttl: '15d', dryRun: true });
      expectError(dryRun, 400, 'ttl: at most 14d for preview environments');
      expect(await count(server)).toBe(2);
    });

    it('needs the delete permission to set expiresAt, and keeps an expiry on a mode with a lifetime', async () => {
      const denied = await start({
        permissions: permissionsExcept({
          denied: ['environments.environment.delete'],
        }),
      });
      const dev = await create(denied, input('dev-a'));
      const sooner = await request(denied)
        .patch(`${API}/environments/dev-a`)
        .send({ expiresAt: new Date(Date.now() + DAY).toISOString() });
      expectError(sooner, 403, 'environments.environment.delete');
      const cleared = await request(denied)
        .patch(`${API}/environments/dev-a`)
        .send({ expiresAt: null });
      expect(cleared.status).toBe(403);
      expect((await get(denied, 'dev-a')).expiresAt).toBe(dev.expiresAt);
      expect(
        (
          await request(denied)
            .patch(`${API}/environments/dev-a`)
            .send({ title: 'still mine' })
        ).status,
      ).toBe(200);

      const server = await start();
      await create(server, input('pr-1', { mode: 'preview' }));
      await create(server, input('prod', { mode: 'production' }));
      const clear = await request(server)
        .patch(`${API}/environments/pr-1`)
        .send({ expiresAt: null });
      expectError(
        clear,
        400,
        'expiresAt: preview environments must expire, at most 14d from now (environments.limits.maxLifetime.preview)',
      );
      const later = await request(server)
        .patch(`${API}/environments/pr-1`)
        .send({ expiresAt: new Date(Date.now() + 15 * DAY).toISOString() });
      expectError(later, 400, 'expiresAt: the expiry would be');
      const prod = await request(server)
        .patch(`${API}/environments/prod`)
        .send({ expiresAt: new Date(Date.now() + 400 * DAY).toISOString() });
      expect(prod.status).toBe(200);
      const policy = await request(server)
        .patch(`${API}/environments/pr-1`)
        .send({ policy: { ttl: '30d' } });
      expectError(policy, 400, 'policy.ttl: at most 14d');
    });
  });

  describe('who may create what', () => {
    const notAdmin = () => permissionsExcept({ denied: [ADMIN] });

    it('lets a user own only what they or their groups may own, unless admin', async () => {
      const server = await start({ permissions: notAdmin() });
      await create(server, input('ours'));
      // Compared case-insensitively, as the ownership claims are.
      await create(
        server,
        input('ours-too', { owner: 'group:default/Team-Shop' }),
      );
      await create(server, input('mine', { owner: 'user:default/mock' }));

      const theirs = await request(server)
        .post(`${API}/environments`)
        .send(input('theirs', { owner: 'group:default/platform' }));
      expectError(
        theirs,
        403,
        'owner: you may only make yourself or one of your groups the owner',
      );
      expect(theirs.body.error.message).toContain(
        "not 'group:default/platform'",
      );

      const handOver = await request(server)
        .patch(`${API}/environments/ours`)
        .send({ owner: 'platform' });
      expectError(handOver, 403, 'owner:');
      expect((await get(server, 'ours')).owner).toBe('group:default/team-shop');

      const cloned = await request(server)
        .post(`${API}/environments/ours/clone`)
        .send({ name: 'copy', mode: 'development', owner: 'platform' });
      expectError(cloned, 403, 'owner:');
      const ownClone = await request(server)
        .post(`${API}/environments/ours/clone`)
        .send({
          name: 'copy',
          mode: 'development',
          owner: 'user:default/mock',
        });
      expect(ownClone.status).toBe(202);
      expect(ownClone.body.environment.owner).toBe('user:default/mock');

      // Other backend plugins act for no user: they need the admin permission.
      const service = await request(server)
        .post(`${API}/environments`)
        .set('Authorization', mockCredentials.service.header())
        .send(input('by-a-service'));
      expectError(service, 403, 'owner: a service');
      expect(await count(server)).toBe(4);

      const admin = await start();
      expect(
        (
          await request(admin)
            .post(`${API}/environments`)
            .send(input('theirs', { owner: 'group:default/platform' }))
        ).status,
      ).toBe(202);
      expect(
        (
          await request(admin)
            .post(`${API}/environments`)
            .set('Authorization', mockCredentials.service.header())
            .send(input('by-a-service'))
        ).status,
      ).toBe(202);
    });

    it('needs environments.environment.production for production, and environments.admin for a pull request', async () => {
      const server = await start({
        permissions: permissionsExcept({
          denied: ['environments.environment.production', ADMIN],
        }),
      });
      const prod = await request(server)
        .post(`${API}/environments`)
        .send(input('prod', { mode: 'production' }));
      expectError(
        prod,
        403,
        'mode: production environments need environments.environment.production',
      );
      await create(server, input('staging', { mode: 'staging' }));
      const promoted = await request(server)
        .post(`${API}/environments/staging/clone`)
        .send({ name: 'prod', mode: 'production' });
      expectError(promoted, 403, 'environments.environment.production');

      const pullRequest = {
        provider: 'github',
        repository: 'example/storefront',
        number: 42,
        branch: 'feat/x',
        headSha: '4f2a9c1e8b7d6a5f4e3d2c1b0a9f8e7d6c5b4a39',
        url: 'https://github.com/example/storefront/pull/42',
      };
      for (const dryRun of [false, true]) {
        const res = await request(server)
          .post(`${API}/environments/staging/clone`)
          .send({ name: 'pr-42', mode: 'preview', pullRequest, dryRun });
        expectError(
          res,
          403,
          'pullRequest: only holders of environments.admin',
        );
      }
      expect(await count(server)).toBe(1);
    });

    it('authorizes an update against the environment as it would be after the change', async () => {
      const server = await start({
        groups: ['group:default/team-shop', 'group:default/team-other'],
        permissions: permissionsExcept({
          denied: [ADMIN],
          conditional: {
            'environments.environment.update': {
              owners: ['group:default/team-shop'],
            },
          },
        }),
      });
      await create(server, input('shop-dev'));
      await create(server, input('other-dev', { owner: 'team-other' }));
      // The user owns team-other too, but the policy lets them update only
      // what team-shop owns: giving it away would put it out of their reach.
      const away = await request(server)
        .patch(`${API}/environments/shop-dev`)
        .send({ owner: 'team-other' });
      expectError(
        away,
        403,
        "owner: you may not update environment 'shop-dev' as it would be after this change (environments.environment.update)",
      );
      const taken = await request(server)
        .patch(`${API}/environments/other-dev`)
        .send({ owner: 'team-shop' });
      expectError(taken, 403, "You may not update environment 'other-dev'");
      expect((await get(server, 'shop-dev')).owner).toBe(
        'group:default/team-shop',
      );
      expect((await get(server, 'other-dev')).owner).toBe(
        'group:default/team-other',
      );
      const title = await request(server)
        .patch(`${API}/environments/shop-dev`)
        .send({ title: 'Shop dev' });
      expect(title.status).toBe(200);
    });

    it('allows only configured runtime targets and caps the priority per mode', async () => {
      const server = await start({
        config: { limits: { runtimeTargets: ['eu-1'] } },
      });
      await create(
        server,
        input('a', { runtime: { type: 'local', target: 'eu-1' } }),
      );
      const target = await request(server)
        .post(`${API}/environments`)
        .send(input('b', { runtime: { type: 'local', target: 'prod-us' } }));
      expectError(
        target,
        400,
        "runtime.target: 'prod-us' is not an allowed target; allowed: eu-1 (environments.limits.runtimeTargets)",
      );
      const priority = await request(server)
        .post(`${API}/environments`)
        .send(input('b', { policy: { priority: 51 } }));
      expectError(
        priority,
        400,
        'policy.priority: at most 50 for development environments (environments.limits.maxPriority.development)',
      );
      const patched = await request(server)
        .patch(`${API}/environments/a`)
        .send({ policy: { priority: 90 } });
      expectError(patched, 400, 'policy.priority: at most 50');
      expect(await count(server)).toBe(1);
    });
  });

  describe('custom domains', () => {
    it.each(databases.eachSupportedId())(
      'allows configured suffixes, own names under the base domain, and one environment per host, on %p',
      async databaseId => {
        const server = await start({
          databaseId,
          config: {
            limits: { customDomainSuffixes: ['example.com'] },
            kubernetes: { ingress: { baseDomain: 'preview.example.com' } },
          },
        });
        const withDomains = (name: string, customDomains: string[]) =>
          input(name, {
            services: [{ ...input(name).services[0], customDomains }],
          });

        for (const [domain, text] of [
          [
            'shop.example.org',
            "services.web.customDomains[0]: domain 'shop.example.org' is not under an allowed suffix (environments.limits.customDomainSuffixes)",
          ],
          [
            'web-staging.preview.example.com',
            "services.web.customDomains[0]: domain 'web-staging.preview.example.com' is under the generated base domain",
          ],
        ]) {
          const res = await request(server)
            .post(`${API}/environments`)
            .send(withDomains('dev-a', [domain]));
          expectError(res, 400, text);
        }
        await create(
          server,
          withDomains('dev-a', [
            'shop.example.com',
            'web-dev-a.preview.example.com',
          ]),
        );
        const taken = await request(server)
          .post(`${API}/environments`)
          .send(withDomains('dev-b', ['shop.example.com']));
        expectError(
          taken,
          409,
          "services.web.customDomains[0]: domain 'shop.example.com' is already used by environment 'dev-a'",
        );
        await create(server, input('dev-b'));
        const patched = await request(server)
          .patch(`${API}/environments/dev-b`)
          .send({
            services: withDomains('dev-b', ['shop.example.com']).services,
          });
        expectError(patched, 409, "already used by environment 'dev-a'");

        // The holder keeps its domains through its own updates.
        const own = await request(server)
          .patch(`${API}/environments/dev-a`)
          .send({
            services: [
              {
                ...withDomains('dev-a', ['shop.example.com']).services[0],
                replicas: 2,
              },
            ],
          });
        expect(own.status).toBe(202);
        expect((await get(server, 'dev-b')).services[0].customDomains).toEqual(
          [],
        );
      },
    );

    it.each(databases.eachSupportedId())(
      'leaves a host to one of two concurrent updates, moves it between services of one environment, and frees it when its environment is destroyed, on %p',
      async databaseId => {
        const server = await start({
          databaseId,
          config: { limits: { customDomainSuffixes: ['example.com'] } },
        });
        const web = input('x').services[0];
        const api = { ...web, name: 'api' };
        const services = (webDomains: string[], apiDomains: string[] = []) => [
          { ...web, customDomains: webDomains },
          { ...api, customDomains: apiDomains },
        ];
        await create(server, input('dev-a'));
        await create(server, input('dev-b'));
        await settled(server, 'dev-a');
        await settled(server, 'dev-b');

        const raced = await Promise.all(
          ['dev-a', 'dev-b'].map(name =>
            request(server)
              .patch(`${API}/environments/${name}`)
              .send({ services: services(['shop.example.com']) }),
          ),
        );
        expect(raced.map(r => r.status).sort()).toEqual([202, 409]);
        const holder = raced[0].status === 202 ? 'dev-a' : 'dev-b';
        const other = holder === 'dev-a' ? 'dev-b' : 'dev-a';
        expectError(
          raced.find(r => r.status === 409)!,
          409,
          `services.web.customDomains[0]: domain 'shop.example.com' is already used by environment '${holder}'`,
        );
        expect((await get(server, other)).services).toHaveLength(1);
        await settled(server, holder);

        // From web to api in one update of its holder.
        const moved = await request(server)
          .patch(`${API}/environments/${holder}`)
          .send({ services: services([], ['shop.example.com']) });
        expect(moved.status).toBe(202);
        expect(
          (await get(server, holder)).services.map((s: any) => s.customDomains),
        ).toEqual([[], ['shop.example.com']]);
        await settled(server, holder);
        // A clone leaves it with the source.
        const cloned = await request(server)
          .post(`${API}/environments/${holder}/clone`)
          .send({ name: 'dev-copy', mode: 'development' });
        expect(cloned.status).toBe(202);
        await settled(server, 'dev-copy');

        // Free again once its holder is destroyed.
        const destroyed = await request(server).delete(
          `${API}/environments/${holder}`,
        );
        expect(destroyed.status).toBe(202);
        await waitFor(
          async () =>
            (
              await request(server).get(`${API}/environments/${holder}`)
            ).status === 404,
        );
        await create(
          server,
          input('dev-c', { services: services(['shop.example.com']) }),
        );
        expect((await get(server, 'dev-c')).services[0].customDomains).toEqual([
          'shop.example.com',
        ]);
      },
    );
  });

  describe('smaller holes', () => {
    it('needs more than read to record activity, and template.use to upgrade a service', async () => {
      const server = await start({
        permissions: permissionsExcept({
          denied: [
            'environments.environment.lifecycle',
            'environments.template.use',
          ],
        }),
      });
      await create(server, input('dev-a'));
      const activity = await request(server)
        .post(`${API}/environments/dev-a/activity`)
        .send({ kind: 'ingress' });
      expectError(activity, 403, 'environments.environment.lifecycle');
      const upgrade = await request(server)
        .post(`${API}/environments/dev-a/services/web/upgrade`)
        .send({ dryRun: true });
      expectError(upgrade, 403, 'environments.template.use');
      expect((await get(server, 'dev-a')).status).toBeDefined();
    });

    it('bounds what drives cost on create, update, added services and variables', async () => {
      const server = await start({
        config: { limits: { maxServices: 2, maxVariables: 2 } },
      });
      const web = input('x').services[0];
      for (const [service, text] of [
        [
          { ...web, replicas: 21 },
          'services.web.replicas: at most 20 (environments.limits.maxReplicas)',
        ],
        [
          { ...web, resources: { cpu: '64', memory: '1Gi' } },
          'services.web.resources.cpu: at most 16 cores',
        ],
        [
          { ...web, resources: { cpu: '1', memory: '1Ti' } },
          'services.web.resources.memory: at most 64Gi',
        ],
        [
          {
            name: 'db',
            kind: 'database',
            database: {
              engine: 'postgresql',
              version: '16',
              mode: 'managed',
              instanceClass: 'db.r6g.16xlarge',
            },
          },
          "services.db.database.instanceClass: 'db.r6g.16xlarge' is not allowed for preview environments",
        ],
      ] as const) {
        const res = await request(server)
          .post(`${API}/environments`)
          .send(input('pr-1', { mode: 'preview', services: [service] }));
        expectError(res, 400, text);
      }
      const many = await request(server)
        .post(`${API}/environments`)
        .send(
          input('a', {
            services: ['a', 'b', 'c'].map(name => ({ ...web, name })),
          }),
        );
      expectError(
        many,
        400,
        'services: at most 2 services per environment (environments.limits.maxServices)',
      );
      expect(await count(server)).toBe(0);

      await create(server, input('dev-a'));
      const bigger = await request(server)
        .patch(`${API}/environments/dev-a`)
        .send({
          services: [{ ...web, resources: { cpu: '32', memory: '1Gi' } }],
        });
      expectError(bigger, 400, 'services.web.resources.cpu: at most 16 cores');

      for (const key of ['A', 'B']) {
        expect(
          (
            await request(server)
              .put(`${API}/environments/dev-a/variables/${key}`)
              .send({ kind: 'value', value: 'x' })
          ).status,
        ).toBe(200);
      }
      const third = await request(server)
        .put(`${API}/environments/dev-a/variables/C`)
        .send({ kind: 'value', value: 'x' });
      expectError(
        third,
        400,
        'variables: at most 2 variables per environment (environments.limits.maxVariables)',
      );
      const serviceVariables = await request(server)
        .patch(`${API}/environments/dev-a`)
        .send({
          services: [
            {
              ...web,
              variables: ['X', 'Y', 'Z'].map(key => ({
                key,
                kind: 'value',
                value: '1',
              })),
            },
          ],
        });
      expectError(
        serviceVariables,
        400,
        'services.web.variables: at most 2 variables per service',
      );

      await create(
        server,
        input('dev-b', { services: [web, { ...web, name: 'api' }] }),
      );
      const added = await request(server)
        .post(`${API}/environments/dev-b/services`)
        .send({ template: 'redis', name: 'cache', parameters: {} });
      expectError(added, 400, 'services: at most 2 services per environment');
      expect((await get(server, 'dev-b')).services).toHaveLength(2);
      expect(
        (await get(server, 'dev-a')).variables.map((v: any) => v.key),
      ).toEqual(['A', 'B']);
    });
  });

  it('answers 404, not 403, for an environment that does not exist when the policy denies it', async () => {
    // A conditional policy has nothing to match on a missing environment, so
    // the permission framework denies it: the caller must still learn that it
    // is missing (the GitHub module looks a preview up before creating it).
    const server = await start({
      permissions: permissionsExcept({
        denied: ['environments.environment.read'],
      }),
    });
    await create(server, input('dev-a'));
    expect(
      (await request(server).get(`${API}/environments/dev-a`)).status,
    ).toBe(403);
    const missing = await request(server).get(`${API}/environments/nowhere`);
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toBe("No environment named 'nowhere'");
  });
});
