// Abuse scenarios of the environments API: each is something a caller must not
// be able to do (lifetimes, ownership, production, pull requests, limits,
// custom domains, Idempotency-Key reuse).
import {
  TestDatabaseId,
  TestDatabases,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { Knex } from 'knex';
import request from 'supertest';
import { permissionsExcept } from '../__testUtils__/permissions';
import { environmentsPlugin } from '../plugin';
import {
  API,
  SECRETS_KEY,
  stagingInput,
  stateHash,
  waitIdle,
} from './__testUtils__/harness';

jest.setTimeout(120_000);

const DAY = 24 * 60 * 60 * 1000;

describe('reliability: abuse of the environments API', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  /** The plugin as a member of team-shop sees it, with the given policy. */
  async function start(
    databaseId: TestDatabaseId,
    options: { denied?: string[]; config?: object } = {},
  ): Promise<{ server: any; knex: Knex }> {
    const knex = await databases.init(databaseId);
    const { server } = await startTestBackend({
      features: [
        environmentsPlugin,
        mockServices.database.factory({ knex }),
        mockServices.rootConfig.factory({
          data: {
            environments: {
              secretsKey: SECRETS_KEY,
              localRuntime: { delayMs: 5 },
              ...options.config,
            },
          },
        }),
        permissionsExcept({ denied: options.denied }).factory,
        mockServices.userInfo.mock({
          getUserInfo: async (credentials: any) => ({
            userEntityRef: credentials.principal.userEntityRef,
            ownershipEntityRefs: [
              credentials.principal.userEntityRef,
              'group:default/team-shop',
            ],
          }),
        }).factory,
      ],
    });
    return { server, knex };
  }

  const get = async (server: any, name: string) =>
    (await request(server).get(`${API}/environments/${name}`)).body;

  it.each(databases.eachSupportedId())(
    '3. extend never gives an expiry to an environment without one nor moves one earlier, and an absurd ttl is a 400, not a 500, on %p',
    async databaseId => {
      const { server, knex } = await start(databaseId);
      await request(server)
        .post(`${API}/environments`)
        .send({ ...stagingInput, name: 'prod', mode: 'production' })
        .expect(202);
      await waitIdle(knex);
      // Extending production gave it an expiry: the policy sweep would have
      // destroyed it two days later.
      const extend = await request(server)
        .post(`${API}/environments/prod/extend`)
        .send({ by: '2d' });
      expect(extend.status).toBe(409);
      expect(extend.body.error.message).toBe(
        "by: environment 'prod' has no expiry to extend",
      );
      await waitIdle(knex);
      expect((await get(server, 'prod')).expiresAt).toBeUndefined();

      // An expiry a year away cannot be pulled in by a huge extend that
      // overflows, nor a preview kept alive for a century.
      const absurd = await request(server)
        .post(`${API}/environments`)
        .send({ ...stagingInput, name: 'pr-1', policy: { ttl: '14290000w' } });
      expect(absurd.status).toBe(400);
      expect(absurd.body.error.message).toContain('policy.ttl');
      const century = await request(server)
        .post(`${API}/environments`)
        .send({
          ...stagingInput,
          name: 'pr-1',
          mode: 'preview',
          expiresAt: new Date(Date.now() + 36_000 * DAY).toISOString(),
        });
      expect(century.status).toBe(400);
      expect(century.body.error.message).toContain(
        'environments.limits.maxLifetime.preview',
      );
    },
  );

  it.each(databases.eachSupportedId())(
    '4. a member of one team can neither create an environment for another team nor hand one over, on %p',
    async databaseId => {
      const { server, knex } = await start(databaseId, {
        denied: ['environments.admin'],
      });
      const planted = await request(server)
        .post(`${API}/environments`)
        .send({ ...stagingInput, owner: 'group:default/platform' });
      expect(planted.status).toBe(403);
      expect(planted.body.error.message).toMatch(/^owner: /);

      await request(server)
        .post(`${API}/environments`)
        .send(stagingInput)
        .expect(202);
      await waitIdle(knex);
      const before = await stateHash(knex);
      const handOver = await request(server)
        .patch(`${API}/environments/staging`)
        .send({ owner: 'group:default/platform' });
      expect(handOver.status).toBe(403);
      expect(handOver.body.error.message).toMatch(/^owner: /);
      expect(await stateHash(knex)).toEqual(before);
    },
  );

  it.each(databases.eachSupportedId())(
    "5. an environment cannot take another environment's custom domain or generated host, on %p",
    async databaseId => {
      const { server, knex } = await start(databaseId, {
        config: {
          limits: { customDomainSuffixes: ['example.com'] },
          kubernetes: { ingress: { baseDomain: 'preview.example.com' } },
        },
      });
      const withDomains = (name: string, customDomains: string[]) => ({
        ...stagingInput,
        name,
        mode: 'development',
        services: [
          { ...stagingInput.services[0], customDomains },
          stagingInput.services[1],
        ],
      });
      await request(server)
        .post(`${API}/environments`)
        .send(withDomains('staging', ['shop.example.com']))
        .expect(202);
      await waitIdle(knex);
      const before = await stateHash(knex);

      const stolen = await request(server)
        .post(`${API}/environments`)
        .send(withDomains('dev-mallory', ['shop.example.com']));
      expect(stolen.status).toBe(409);
      expect(stolen.body.error.message).toContain(
        "already used by environment 'staging'",
      );
      // The Ingress host that staging's orders-api gets from the base domain.
      const generated = await request(server)
        .post(`${API}/environments`)
        .send(
          withDomains('dev-mallory', [
            'orders-api-staging.preview.example.com',
          ]),
        );
      expect(generated.status).toBe(400);
      const anywhere = await request(server)
        .post(`${API}/environments`)
        .send(withDomains('dev-mallory', ['login.bank.test']));
      expect(anywhere.status).toBe(400);
      expect(await stateHash(knex)).toEqual(before);
    },
  );

  it.each(databases.eachSupportedId())(
    '5. two requests racing for one custom domain: one environment gets it, the other a 409 naming it, on %p',
    async databaseId => {
      const { server, knex } = await start(databaseId, {
        config: { limits: { customDomainSuffixes: ['example.com'] } },
      });
      const withDomain = (name: string) => ({
        ...stagingInput,
        name,
        mode: 'development',
        services: [
          { ...stagingInput.services[0], customDomains: ['shop.example.com'] },
          stagingInput.services[1],
        ],
      });
      // Sent together, both pass the friendly check before either is stored
      // (on PostgreSQL; SQLite's single connection runs them one by one).
      const responses = await Promise.all(
        ['dev-ada', 'dev-bob'].map(name =>
          request(server).post(`${API}/environments`).send(withDomain(name)),
        ),
      );
      expect(responses.map(r => r.status).sort()).toEqual([202, 409]);
      const winner = responses.find(r => r.status === 202)!.body.environment
        .name;
      expect(responses.find(r => r.status === 409)!.body.error.message).toBe(
        `services.orders-api.customDomains[0]: domain 'shop.example.com' is already used by environment '${winner}'`,
      );
      await waitIdle(knex);
      const { items } = (await request(server).get(`${API}/environments`)).body;
      expect(items.map((e: { name: string }) => e.name)).toEqual([winner]);
    },
  );

  it.each(databases.eachSupportedId())(
    '8. a reader cannot keep an environment from stopping by posting activity, on %p',
    async databaseId => {
      const { server, knex } = await start(databaseId, {
        denied: ['environments.environment.lifecycle'],
      });
      await request(server)
        .post(`${API}/environments`)
        .send(stagingInput)
        .expect(202);
      await waitIdle(knex);
      const [{ last }] = await knex('environments').select({
        last: 'last_activity_at',
      });
      await new Promise(r => setTimeout(r, 5));
      const res = await request(server)
        .post(`${API}/environments/staging/activity`)
        .send({ kind: 'ingress' });
      expect(res.status).toBe(403);
      const [{ now }] = await knex('environments').select({
        now: 'last_activity_at',
      });
      expect(String(now)).toBe(String(last));
    },
  );

  it.each(databases.eachSupportedId())(
    '8. upgrading a service from its template needs environments.template.use, on %p',
    async databaseId => {
      const { server } = await start(databaseId, {
        denied: ['environments.template.use'],
      });
      await request(server)
        .post(`${API}/environments`)
        .send(stagingInput)
        .expect(202);
      const res = await request(server)
        .post(`${API}/environments/staging/services/orders-db/upgrade`)
        .send({});
      expect(res.status).toBe(403);
      expect(res.body.error.message).toContain('environments.template.use');
    },
  );

  it.each(databases.eachSupportedId())(
    '8. cloning needs read on the source: no copy of what the caller may not see, on %p',
    async databaseId => {
      const { server } = await start(databaseId, {
        denied: ['environments.environment.read'],
      });
      await request(server)
        .post(`${API}/environments`)
        .send(stagingInput)
        .expect(202);
      for (const dryRun of [true, false]) {
        const res = await request(server)
          .post(`${API}/environments/staging/clone`)
          .send({ name: 'copy', mode: 'development', dryRun });
        expect(res.status).toBe(403);
        expect(res.body.error.message).toContain(
          'environments.environment.read',
        );
      }
    },
  );

  it.each(databases.eachSupportedId())(
    '8. an ordinary caller cannot link an environment to a pull request, on %p',
    async databaseId => {
      const { server, knex } = await start(databaseId, {
        denied: ['environments.admin'],
      });
      await request(server)
        .post(`${API}/environments`)
        .send(stagingInput)
        .expect(202);
      await waitIdle(knex);
      const before = await stateHash(knex);
      // A fake origin would let the PR's commands and close event act on it.
      const res = await request(server)
        .post(`${API}/environments/staging/clone`)
        .send({
          name: 'pr-storefront-42',
          mode: 'preview',
          pullRequest: {
            provider: 'github',
            repository: 'example/storefront',
            number: 42,
            branch: 'main',
            headSha: '4f2a9c1e8b7d6a5f4e3d2c1b0a9f8e7d6c5b4a39',
            url: 'https://github.com/example/storefront/pull/42',
          },
        });
      expect(res.status).toBe(403);
      expect(res.body.error.message).toMatch(/^pullRequest: /);
      expect(await stateHash(knex)).toEqual(before);
    },
  );

  it.each(databases.eachSupportedId())(
    '8. cost-driving inputs are bounded: no preview of 100 replicas of 64 cores on a large database, on %p',
    async databaseId => {
      const { server } = await start(databaseId);
      const [app, db] = stagingInput.services;
      for (const [service, field] of [
        [{ ...app, replicas: 100 }, 'services.orders-api.replicas'],
        [
          { ...app, resources: { cpu: '64', memory: '1Gi' } },
          'services.orders-api.resources.cpu',
        ],
        [
          {
            ...db,
            database: {
              ...db.database,
              mode: 'managed',
              instanceClass: 'db.r6g.16xlarge',
              storageGb: 65536,
            },
          },
          'services.orders-db.database',
        ],
      ] as const) {
        const res = await request(server)
          .post(`${API}/environments`)
          .send({
            ...stagingInput,
            name: 'pr-1',
            mode: 'preview',
            services: [service],
            variables: [],
          });
        expect({ field, status: res.status }).toEqual({ field, status: 400 });
        expect(res.body.error.message).toContain(field);
      }
      const list = await request(server).get(`${API}/environments`);
      expect(list.body.totalCount).toBe(0);
    },
  );
});
