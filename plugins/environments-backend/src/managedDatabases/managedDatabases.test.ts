import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  TestDatabaseId,
  TestDatabases,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  environmentsManagedDatabaseExtensionPoint,
  environmentsRuntimeExtensionPoint,
  type ManagedDatabaseProvider,
  type ManagedDatabaseRequest,
} from '@greenroom/plugin-environments-node';
import request from 'supertest';
import { TestRuntime } from '../engine/testing/TestRuntime';
import { environmentsPlugin } from '../plugin';

jest.setTimeout(120_000);

const API = '/api/environments';

/** Records every call; endpoints are derived from the environment and service. */
class RecordingProvider implements ManagedDatabaseProvider {
  readonly type = 'recording';
  readonly calls: Array<{
    method: string;
    environment: string;
    service: string;
    password: string;
    dataSource?: ManagedDatabaseRequest['dataSource'];
    finalSnapshot?: boolean;
  }> = [];

  #record(method: string, r: ManagedDatabaseRequest, extra: object = {}) {
    this.calls.push({
      method,
      environment: r.environment.name,
      service: r.service.name,
      password: r.password,
      ...(r.dataSource ? { dataSource: r.dataSource } : {}),
      ...extra,
    });
  }
  #endpoint(r: ManagedDatabaseRequest) {
    return {
      host: `${r.environment.name}-${r.service.name}.rds.example.com`,
      port: 5432,
      username: 'app',
      database: 'shop',
    };
  }
  async ensure(r: ManagedDatabaseRequest) {
    this.#record('ensure', r);
    return this.#endpoint(r);
  }
  async stop(r: ManagedDatabaseRequest) {
    this.#record('stop', r);
  }
  async start(r: ManagedDatabaseRequest) {
    this.#record('start', r);
    return this.#endpoint(r);
  }
  async destroy(r: ManagedDatabaseRequest, ctx: { finalSnapshot: boolean }) {
    this.#record('destroy', r, { finalSnapshot: ctx.finalSnapshot });
  }
  async observe(r: ManagedDatabaseRequest) {
    return { name: r.service.name, phase: 'running' as const, urls: [] };
  }
  async listManaged() {
    return [];
  }
}

const staging = {
  name: 'staging',
  system: 'shop',
  owner: 'team-shop',
  mode: 'staging',
  runtime: { type: 'test' },
  services: [
    {
      name: 'orders-api',
      kind: 'application',
      image: { repository: 'ghcr.io/example/orders-api', tag: '1.0.0' },
      ports: [{ port: 8080, public: true }],
    },
    {
      name: 'orders-db',
      kind: 'database',
      database: { engine: 'postgresql', version: '16', mode: 'managed' },
    },
    {
      name: 'cache',
      kind: 'database',
      database: { engine: 'redis', version: '7', mode: 'container' },
    },
  ],
  variables: [
    { key: 'DATABASE_URL', kind: 'alias', aliasOf: 'GR_ORDERS_DB_URL' },
  ],
};

describe('managed databases in the engine', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  async function start(databaseId: TestDatabaseId, withProvider = true) {
    const knex = await databases.init(databaseId);
    const runtime = new TestRuntime('test');
    const provider = new RecordingProvider();
    const testModule = createBackendModule({
      pluginId: 'environments',
      moduleId: 'managed-databases-test',
      register(reg) {
        reg.registerInit({
          deps: {
            runtimes: environmentsRuntimeExtensionPoint,
            managed: environmentsManagedDatabaseExtensionPoint,
          },
          async init({ runtimes, managed }) {
            runtimes.addRuntime(runtime);
            if (withProvider) managed.setManagedDatabaseProvider(provider);
          },
        });
      },
    });
    const { server } = await startTestBackend({
      features: [
        environmentsPlugin,
        testModule,
        mockServices.database.factory({ knex }),
        mockServices.rootConfig.factory({
          data: {
            environments: {
              secretsKey: 'test-secrets-key-that-is-long-enough',
            },
          },
        }),
      ],
    });
    return { server, runtime, provider, knex };
  }

  async function finished(server: any, body: any) {
    for (let i = 0; i < 200; i++) {
      const res = await request(server).get(
        `${API}/operations/${body.operation.id}`,
      );
      if (['succeeded', 'failed'].includes(res.body.status)) return res.body;
      await new Promise(r => setTimeout(r, 25));
    }
    throw new Error('operation did not finish');
  }

  it.each(databases.eachSupportedId())(
    'provisions managed databases before the runtime, with their endpoints in the built-ins, on %p',
    async databaseId => {
      const { server, runtime, provider, knex } = await start(databaseId);
      const created = await request(server)
        .post(`${API}/environments`)
        .send(staging);
      expect(created.status).toBe(202);
      expect((await finished(server, created.body)).status).toBe('succeeded');

      // Only the managed database goes to the provider, with a generated password.
      expect(provider.calls.map(c => [c.method, c.service])).toEqual([
        ['ensure', 'orders-db'],
      ]);
      const password = provider.calls[0].password;
      expect(password).toMatch(/^[A-Za-z0-9_-]{32}$/);

      // The runtime sees the endpoint (and the password as a secret).
      const [apply] = runtime.callsOf('apply');
      const vars = Object.fromEntries(
        apply.resolved.variables.services['orders-api'].map(v => [v.key, v]),
      );
      expect(vars.GR_ORDERS_DB_HOST.value).toBe(
        'staging-orders-db.rds.example.com',
      );
      expect(vars.DATABASE_URL.value).toBe(
        'postgresql://app@staging-orders-db.rds.example.com:5432/shop',
      );
      expect(vars.GR_ORDERS_DB_PASSWORD).toMatchObject({
        secret: true,
        value: password,
      });
      // A container database gets a generated password too, its own.
      expect(vars.GR_CACHE_PASSWORD.value).toMatch(/^[A-Za-z0-9_-]{32}$/);
      expect(vars.GR_CACHE_PASSWORD.value).not.toBe(password);

      // Stored encrypted, never in an API answer.
      const rows = await knex('database_credentials').select('password');
      expect(JSON.stringify(rows)).not.toContain(password);
      const got = await request(server).get(`${API}/environments/staging`);
      expect(JSON.stringify(got.body)).not.toContain(password);

      // Stop and start reach the provider; the password stays the same.
      const stopped = await request(server).post(
        `${API}/environments/staging/stop`,
      );
      expect((await finished(server, stopped.body)).status).toBe('succeeded');
      const started = await request(server).post(
        `${API}/environments/staging/start`,
      );
      expect((await finished(server, started.body)).status).toBe('succeeded');
      expect(provider.calls.map(c => c.method)).toEqual([
        'ensure',
        'stop',
        'start',
      ]);
      expect(new Set(provider.calls.map(c => c.password))).toEqual(
        new Set([password]),
      );

      // A snapshot clone restores from the source, with a password of its own.
      const clone = await request(server)
        .post(`${API}/environments/staging/clone`)
        .send({ name: 'dev-ada', mode: 'development', dataPolicy: 'snapshot' });
      expect(clone.status).toBe(202);
      expect((await finished(server, clone.body)).status).toBe('succeeded');
      const cloneCall = provider.calls.find(c => c.environment === 'dev-ada')!;
      expect(cloneCall).toMatchObject({
        method: 'ensure',
        service: 'orders-db',
        dataSource: {
          environment: { name: 'staging', mode: 'staging' },
          serviceName: 'orders-db',
        },
      });
      expect(cloneCall.password).not.toBe(password);

      // Destroy: no final snapshot for a development clone.
      const destroyed = await request(server).delete(
        `${API}/environments/dev-ada`,
      );
      expect((await finished(server, destroyed.body)).status).toBe('succeeded');
      expect(provider.calls.at(-1)).toMatchObject({
        method: 'destroy',
        environment: 'dev-ada',
        finalSnapshot: false,
      });
      const left = await knex('database_credentials')
        .join(
          'environments',
          'environments.id',
          'database_credentials.environment_id',
        )
        .select('environments.name');
      expect(new Set(left.map(r => r.name))).toEqual(new Set(['staging']));
    },
  );

  it.each(databases.eachSupportedId())(
    'deletes, with a final snapshot, a managed database an update removed or moved to a container, on %p',
    async databaseId => {
      const { server, runtime, provider, knex } = await start(databaseId);
      const created = await request(server)
        .post(`${API}/environments`)
        // No alias to the database's URL, so that it can be removed.
        .send({ ...staging, variables: [] });
      expect((await finished(server, created.body)).status).toBe('succeeded');
      const credentialRows = () =>
        knex('database_credentials')
          .select('service_name', 'endpoint')
          .orderBy('service_name');

      // The same database as a container: the RDS instance goes, the password stays.
      const [api, ordersDb, cache] = staging.services;
      const asContainer = {
        ...ordersDb,
        database: { ...ordersDb.database, mode: 'container' },
      };
      const moved = await request(server)
        .patch(`${API}/environments/staging`)
        .send({ services: [api, asContainer, cache] });
      expect(moved.status).toBe(202);
      expect((await finished(server, moved.body)).status).toBe('succeeded');
      expect(provider.calls.slice(1)).toEqual([
        expect.objectContaining({
          method: 'destroy',
          service: 'orders-db',
          finalSnapshot: true,
        }),
      ]);
      expect(await credentialRows()).toEqual([
        { service_name: 'cache', endpoint: null },
        { service_name: 'orders-db', endpoint: null },
      ]);
      const vars = Object.fromEntries(
        runtime
          .callsOf('apply')
          .at(-1)!
          .resolved.variables.services['orders-api'].map(v => [v.key, v]),
      );
      expect(vars.GR_ORDERS_DB_HOST.value).not.toContain('rds.example.com');
      expect(vars.GR_ORDERS_DB_PASSWORD.value).toBe(provider.calls[0].password);

      // Managed again, then removed: deleted once more, and its password forgotten.
      const back = await request(server)
        .patch(`${API}/environments/staging`)
        .send({ services: staging.services });
      expect((await finished(server, back.body)).status).toBe('succeeded');
      const before = provider.calls.length;
      const removed = await request(server)
        .patch(`${API}/environments/staging`)
        .send({ services: [api, cache] });
      expect((await finished(server, removed.body)).status).toBe('succeeded');
      expect(provider.calls.slice(before)).toEqual([
        expect.objectContaining({
          method: 'destroy',
          service: 'orders-db',
          finalSnapshot: true,
        }),
      ]);
      expect(await credentialRows()).toEqual([
        { service_name: 'cache', endpoint: null },
      ]);

      // Nothing left to delete: a further update leaves the provider alone.
      const again = await request(server)
        .patch(`${API}/environments/staging`)
        .send({
          services: [{ ...api, image: { ...api.image, tag: '1.0.1' } }, cache],
        });
      expect((await finished(server, again.body)).status).toBe('succeeded');
      expect(provider.calls).toHaveLength(before + 1);
    },
  );

  it('keeps a final snapshot when destroying production', async () => {
    const { server, provider } = await start('SQLITE_3');
    const created = await request(server)
      .post(`${API}/environments`)
      .send({ ...staging, name: 'production', mode: 'production' });
    expect((await finished(server, created.body)).status).toBe('succeeded');
    const destroyed = await request(server).delete(
      `${API}/environments/production`,
    );
    expect((await finished(server, destroyed.body)).status).toBe('succeeded');
    expect(provider.calls.at(-1)).toMatchObject({
      method: 'destroy',
      finalSnapshot: true,
    });
  });

  it('fails clearly when a managed database has no provider', async () => {
    const { server, runtime } = await start('SQLITE_3', false);
    const created = await request(server)
      .post(`${API}/environments`)
      .send(staging);
    const operation = await finished(server, created.body);
    expect(operation.status).toBe('failed');
    expect(operation.error).toMatch(
      /services\.orders-db: database\.mode 'managed' needs a managed database provider/,
    );
    expect(runtime.callsOf('apply')).toHaveLength(0);
  });
});
