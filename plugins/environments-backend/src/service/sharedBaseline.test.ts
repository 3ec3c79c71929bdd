import {
  TestDatabaseId,
  TestDatabases,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import request from 'supertest';
import { waitFor } from '../engine/testing/waitFor';
import { environmentsPlugin } from '../plugin';

jest.setTimeout(120_000);

const API = '/api/environments';

const config = {
  environments: {
    secretsKey: 'test-secrets-key-that-is-long-enough',
    localRuntime: { delayMs: 10 },
  },
};

const staging = {
  name: 'staging',
  system: 'shop',
  owner: 'team-shop',
  mode: 'staging',
  services: [
    {
      name: 'web',
      kind: 'application',
      image: { repository: 'ghcr.io/example/web', tag: '1.0.0' },
      ports: [{ port: 8080, public: true }],
      variables: [
        { key: 'API', kind: 'value', value: 'http://orders-api-staging:8080' },
        { key: 'DB', kind: 'alias', aliasOf: 'GR_ORDERS_DB_URL' },
      ],
    },
    {
      name: 'orders-api',
      kind: 'application',
      image: { repository: 'ghcr.io/example/orders-api', tag: '1.0.0' },
      ports: [{ port: 8080 }],
    },
    {
      name: 'orders-db',
      kind: 'database',
      database: { engine: 'postgresql', version: '16', mode: 'container' },
    },
  ],
};

const preview = {
  name: 'pr-7',
  mode: 'preview',
  services: ['web'],
  baseline: { databases: 'share' },
};

describe('clones that share a baseline', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  async function start(databaseId: TestDatabaseId) {
    const knex = await databases.init(databaseId);
    const { server } = await startTestBackend({
      features: [
        environmentsPlugin,
        mockServices.database.factory({ knex }),
        mockServices.rootConfig.factory({ data: config }),
      ],
    });
    expect(
      (await request(server).post(`${API}/environments`).send(staging)).status,
    ).toBe(202);
    const get = async (name: string) =>
      (await request(server).get(`${API}/environments/${name}`)).body;
    const settled = (name: string, status: string) =>
      waitFor(async () => {
        const env = await get(name);
        return env.status === status ? env : undefined;
      }, 20_000);
    await settled('staging', 'running');
    return { server, get, settled };
  }

  it.each(databases.eachSupportedId())(
    'lists every shared service in the dry run, deploys only its own and shows both sides, on %p',
    async databaseId => {
      const { server, get, settled } = await start(databaseId);
      const dryRun = await request(server)
        .post(`${API}/environments/staging/clone`)
        .send({ ...preview, dryRun: true });
      expect(dryRun.status).toBe(200);
      expect(
        dryRun.body.diff
          .filter((d: any) => d.kind === 'shared')
          .map((d: any) => d.path),
      ).toEqual(['services.orders-api', 'services.orders-db']);
      expect(dryRun.body.attention).toContainEqual({
        item: 'shared-data:orders-db',
        reason: expect.stringContaining("writes reach staging's database"),
      });

      const res = await request(server)
        .post(`${API}/environments/staging/clone`)
        .send(preview);
      expect(res.status).toBe(202);
      const created = await settled('pr-7', 'running');
      expect(created.services.map((s: any) => s.name)).toEqual(['web']);
      expect(created.baseline).toMatchObject({
        environment: 'staging',
        databases: 'share',
      });
      expect(created.sharing).toEqual({
        services: [
          expect.objectContaining({ name: 'orders-api', kind: 'application' }),
          expect.objectContaining({
            name: 'orders-db',
            kind: 'database',
            database: expect.objectContaining({ engine: 'postgresql' }),
          }),
        ],
        base: { desiredState: 'running', status: 'running' },
      });
      // The value that reaches a shared service still points at the base.
      expect(created.services[0].variables).toContainEqual({
        key: 'API',
        kind: 'value',
        value: 'http://orders-api-staging:8080',
      });

      expect((await get('staging')).sharedWith).toEqual(['pr-7']);

      // Cost counts its own services; what sharing saved is priced apart.
      const savings = await request(server).get(
        `${API}/environments/pr-7/cost/sharing`,
      );
      expect(savings.status).toBe(200);
      expect(savings.body).toMatchObject({
        environment: 'pr-7',
        base: 'staging',
      });
      expect(savings.body.services.map((s: any) => s.name)).toEqual([
        'orders-api',
        'orders-db',
      ]);
      expect(savings.body.runningHours).toBeGreaterThan(0);
      expect(savings.body.saved.total).toBeGreaterThan(0);
      const unshared = await request(server).get(
        `${API}/environments/staging/cost/sharing`,
      );
      expect(unshared.body).toMatchObject({
        environment: 'staging',
        services: [],
        saved: { total: 0 },
      });
      expect(unshared.body.base).toBeUndefined();
      // The cost page's total: every environment that shares a base.
      const totals = await request(server).get(`${API}/cost/sharing`);
      expect(totals.status).toBe(200);
      expect(totals.body.environments).toEqual([
        { environment: 'pr-7', base: 'staging', saved: expect.any(Number) },
      ]);
      expect(totals.body.saved.total).toBeGreaterThan(0);
      expect(totals.body.saved.total).toBeCloseTo(
        totals.body.environments[0].saved,
        12,
      );
    },
  );

  it.each(databases.eachSupportedId())(
    'asks before stopping or destroying a shared base, and the dependant says when its base is down, on %p',
    async databaseId => {
      const { server, get, settled } = await start(databaseId);
      await request(server)
        .post(`${API}/environments/staging/clone`)
        .send(preview);
      await settled('pr-7', 'running');

      const stop = await request(server).post(
        `${API}/environments/staging/stop`,
      );
      expect(stop.status).toBe(409);
      expect(stop.body.error.message).toMatch(
        /^force: environment 'staging' is shared by pr-7: their shared services stop answering/,
      );
      const destroy = await request(server).delete(
        `${API}/environments/staging`,
      );
      expect(destroy.status).toBe(409);
      expect((await get('staging')).desiredState).toBe('running');

      const bad = await request(server)
        .post(`${API}/environments/staging/stop`)
        .send({ force: 'yes' });
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toMatch(/force/);

      const forced = await request(server)
        .post(`${API}/environments/staging/stop`)
        .send({ force: true });
      expect(forced.status).toBe(202);
      await settled('staging', 'stopped');
      const dependant = await get('pr-7');
      expect(dependant.sharing.base).toEqual({
        desiredState: 'stopped',
        status: 'stopped',
      });
      expect(dependant.attention).toContainEqual({
        item: 'baseline:staging',
        reason:
          'its base staging is stopped: orders-api, orders-db do not answer until it runs again',
      });

      const gone = await request(server).delete(
        `${API}/environments/staging?force=true`,
      );
      expect(gone.status).toBe(202);
      const orphan = await waitFor(async () => {
        const env = await get('pr-7');
        return env.sharing?.base ? undefined : env;
      }, 20_000);
      expect(orphan.attention).toContainEqual({
        item: 'baseline:staging',
        reason: expect.stringContaining('its base staging is destroyed'),
      });
      // Destroying the dependant needs no confirmation.
      expect(
        (await request(server).delete(`${API}/environments/pr-7`)).status,
      ).toBe(202);
    },
  );
});
