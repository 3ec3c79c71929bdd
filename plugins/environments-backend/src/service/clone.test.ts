import {
  TestDatabaseId,
  TestDatabases,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import { DatabaseEnvironmentsStore } from '../storage/DatabaseEnvironmentsStore';
import { environmentsPlugin } from '../plugin';
import { SecretBox } from '../secrets/SecretBox';

jest.setTimeout(120_000);

const SECRETS_KEY = 'test-secrets-key-that-is-long-enough';
const SECRET = 'sk_test_canary_value_0123456789';
const SERVICE_SECRET = 'svc_token_canary_9876543210';
const API = '/api/environments';

const config = {
  environments: {
    secretsKey: SECRETS_KEY,
    localRuntime: { delayMs: 10 },
    limits: { customDomainSuffixes: ['example.com'] },
  },
};

const staging = {
  name: 'staging',
  system: 'shop',
  owner: 'team-shop',
  mode: 'staging',
  services: [
    {
      name: 'orders-api',
      kind: 'application',
      image: { repository: 'ghcr.io/example/orders-api', tag: '1.0.0' },
      ports: [{ port: 8080, public: true }],
      customDomains: ['shop.example.com'],
      variables: [{ key: 'API_TOKEN', kind: 'secret', value: SERVICE_SECRET }],
    },
    {
      name: 'orders-db',
      kind: 'database',
      database: { engine: 'postgresql', version: '16', mode: 'container' },
    },
  ],
  variables: [
    { key: 'DATABASE_URL', kind: 'alias', aliasOf: 'GR_ORDERS_DB_URL' },
    {
      key: 'ORDERS_URL',
      kind: 'value',
      value: 'http://orders-api-staging:8080',
    },
    { key: 'STRIPE_KEY', kind: 'secret', value: SECRET },
  ],
};

const clone = (extra: object = {}) => ({
  name: 'dev-ada',
  mode: 'development',
  ...extra,
});

async function waitFor<T>(fn: () => Promise<T | undefined>, what: string) {
  for (let i = 0; i < 200; i++) {
    const value = await fn();
    if (value !== undefined) return value;
    await new Promise(r => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('POST /environments/{name}/clone', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  async function start(databaseId: TestDatabaseId) {
    const knex = await databases.init(databaseId);
    const auditor = mockServices.auditor.mock();
    const auditEvent = { success: jest.fn(), fail: jest.fn() };
    auditor.createEvent.mockResolvedValue(auditEvent);
    const { server } = await startTestBackend({
      features: [
        environmentsPlugin,
        mockServices.database.factory({ knex }),
        mockServices.rootConfig.factory({ data: config }),
        auditor.factory,
      ],
    });
    // The same tables, read directly: what the API never shows.
    const store = await DatabaseEnvironmentsStore.forTest(
      knex,
      new SecretBox(SECRETS_KEY),
    );
    const created = await request(server)
      .post(`${API}/environments`)
      .send(staging);
    expect(created.status).toBe(202);
    return {
      server,
      auditor,
      auditEvent,
      store,
      source: created.body.environment,
    };
  }

  const count = async (server: any) =>
    (await request(server).get(`${API}/environments`)).body.totalCount;

  it.each(databases.eachSupportedId())(
    'answers a dry run with the plan and stores nothing, on %p',
    async databaseId => {
      const { server, auditor } = await start(databaseId);
      const res = await request(server)
        .post(`${API}/environments/staging/clone`)
        .send(clone({ dryRun: true, dataPolicy: 'snapshot' }));
      expect(res.status).toBe(200);
      expect(res.body.input).toMatchObject({
        name: 'dev-ada',
        mode: 'development',
      });
      expect(res.body.diff).toContainEqual({
        kind: 'changed',
        path: 'variables.GR_ORDERS_DB_HOST',
        from: 'orders-db-staging',
        to: 'orders-db-dev-ada',
        reason: 'built-in, recomputed for the clone',
      });
      expect(res.body.attention.map((a: any) => a.item)).toEqual([
        'domain:shop.example.com',
        'secret:orders-api/API_TOKEN',
        'secret:STRIPE_KEY',
        'data:orders-db',
      ]);
      expect(res.body.data).toEqual([
        expect.objectContaining({ service: 'orders-db', action: 'empty' }),
      ]);
      expect(JSON.stringify(res.body)).not.toContain(SECRET);
      expect(JSON.stringify(res.body)).not.toContain(SERVICE_SECRET);

      expect(await count(server)).toBe(1);
      expect(auditor.createEvent).not.toHaveBeenCalledWith(
        expect.objectContaining({ eventId: 'environment-clone' }),
      );
    },
  );

  it.each(databases.eachSupportedId())(
    'clones as one clone operation that carries no secret, on %p',
    async databaseId => {
      const { server, auditor, auditEvent, store, source } = await start(
        databaseId,
      );
      const res = await request(server)
        .post(`${API}/environments/staging/clone`)
        .send(clone({ ttl: '2d' }));
      expect(res.status).toBe(202);
      expect(res.body.operation).toMatchObject({
        type: 'clone',
        status: 'queued',
      });
      expect(res.body.operation.steps.map((s: any) => s.name)).toEqual([
        'resolve',
        'apply',
        'observe',
      ]);
      const environment = res.body.environment;
      expect(environment).toMatchObject({
        name: 'dev-ada',
        title: 'dev-ada',
        mode: 'development',
        system: 'system:default/shop',
        origin: { type: 'clone', sourceEnvironmentId: source.id },
        policy: { idleAfter: '2h', ttl: '2d', priority: 30 },
      });
      expect(environment.expiresAt).toBeDefined();
      expect(environment.attention).toEqual([
        { item: 'domain:shop.example.com', reason: expect.any(String) },
        { item: 'secret:orders-api/API_TOKEN', reason: expect.any(String) },
        { item: 'secret:STRIPE_KEY', reason: expect.any(String) },
      ]);
      expect(environment.variables).toEqual([
        { key: 'DATABASE_URL', kind: 'alias', aliasOf: 'GR_ORDERS_DB_URL' },
        {
          key: 'ORDERS_URL',
          kind: 'value',
          value: 'http://orders-api-dev-ada:8080',
        },
      ]);
      expect(environment.services[0].customDomains).toEqual([]);
      expect(JSON.stringify(res.body)).not.toContain(SECRET);
      expect(auditor.createEvent).toHaveBeenCalledWith(
        expect.objectContaining({
          eventId: 'environment-clone',
          meta: { source: 'staging', name: 'dev-ada' },
        }),
      );
      expect(auditEvent.success).toHaveBeenCalled();

      // The store holds no secret for the clone; the source keeps its own.
      const stored = await store.getEnvironment('dev-ada');
      expect(
        [
          ...stored!.variables,
          ...stored!.services.flatMap(s => s.variables),
        ].some(v => v.kind === 'secret'),
      ).toBe(false);
      expect(await store.getSecretValues(stored!.id)).toEqual(new Map());
      expect(
        [...(await store.getSecretValues(source.id)).values()].sort(),
      ).toEqual([SECRET, SERVICE_SECRET].sort());

      const running = await waitFor(async () => {
        const body = (await request(server).get(`${API}/environments/dev-ada`))
          .body;
        return body.status === 'running' ? body : undefined;
      }, 'the clone to run');
      expect(running.attention).toHaveLength(3);
      // The environment shows running a moment before its operation is saved as done.
      const operations = await waitFor(async () => {
        const { items } = (
          await request(server).get(`${API}/environments/dev-ada/operations`)
        ).body;
        return items[0]?.status === 'running' ? undefined : items;
      }, 'the clone operation to finish');
      expect(operations).toEqual([
        expect.objectContaining({ type: 'clone', status: 'succeeded' }),
      ]);

      // Re-entering a secret settles its attention item, at either scope.
      await request(server)
        .put(
          `${API}/environments/dev-ada/services/orders-api/variables/API_TOKEN`,
        )
        .send({ kind: 'secret', value: 'new-token-value' })
        .expect(200);
      const settled = await request(server)
        .put(`${API}/environments/dev-ada/variables/STRIPE_KEY`)
        .send({ kind: 'secret', value: 'new-stripe-value' })
        .expect(200);
      expect(settled.body.attention).toEqual([
        { item: 'domain:shop.example.com', reason: expect.any(String) },
      ]);
      expect(JSON.stringify(settled.body)).not.toContain('new-stripe-value');
    },
  );

  it.each(databases.eachSupportedId())(
    'answers 404, 409 and 400 naming the field, stores nothing, and replays an Idempotency-Key, on %p',
    async databaseId => {
      const { server } = await start(databaseId);
      const post = (source: string, body: object) =>
        request(server).post(`${API}/environments/${source}/clone`).send(body);

      const missing = await post('nope', clone());
      expect(missing.status).toBe(404);
      expect(missing.body.error.name).toBe('NotFoundError');

      const own = await post('staging', clone({ name: 'staging' }));
      expect(own.status).toBe(409);
      expect(own.body.error.name).toBe('ConflictError');

      const bad: Array<[object, string]> = [
        [clone({ mode: 'qa' }), 'mode'],
        [clone({ name: 'Dev Ada' }), 'name'],
        [clone({ colour: 'blue' }), 'colour'],
        [clone({ dataPolicy: 'backup' }), 'dataPolicy'],
        [
          clone({ services: ['orders-api', 'search'] }),
          'services: staging has no service named search',
        ],
        [{ mode: 'development' }, 'name'],
      ];
      for (const [body, field] of bad) {
        const res = await post('staging', body);
        expect({ body, status: res.status }).toEqual({ body, status: 400 });
        expect(res.body.error.message).toContain(field);
      }
      expect(await count(server)).toBe(1);

      const first = await request(server)
        .post(`${API}/environments/staging/clone`)
        .set('Idempotency-Key', 'clone-dev-ada-1')
        .send(clone());
      const again = await request(server)
        .post(`${API}/environments/staging/clone`)
        .set('Idempotency-Key', 'clone-dev-ada-1')
        .send(clone());
      expect(first.status).toBe(202);
      expect(again.status).toBe(202);
      expect(again.body.operation.id).toBe(first.body.operation.id);
      expect(await count(server)).toBe(2);

      const taken = await post('staging', clone());
      expect(taken.status).toBe(409);
    },
  );

  it.each(databases.eachSupportedId())(
    'clones a 50-service environment as one operation, on %p',
    async databaseId => {
      const { server } = await start(databaseId);
      const services = Array.from({ length: 50 }, (_, i) => ({
        name: `svc-${i}`,
        kind: 'application',
        ports: [{ port: 8080, public: false }],
        variables: [
          {
            key: 'NEXT',
            kind: 'value',
            value: `http://svc-${(i + 1) % 50}-big:8080`,
          },
        ],
      }));
      const big = await request(server).post(`${API}/environments`).send({
        name: 'big',
        system: 'shop',
        owner: 'team-shop',
        mode: 'staging',
        services,
      });
      expect(big.status).toBe(202);

      const res = await request(server)
        .post(`${API}/environments/big/clone`)
        .send(clone({ name: 'big-copy' }));
      expect(res.status).toBe(202);
      expect(res.body.environment.services).toHaveLength(50);
      expect(res.body.environment.services[0].variables).toEqual([
        { key: 'NEXT', kind: 'value', value: 'http://svc-1-big-copy:8080' },
      ]);
      const operation = await waitFor(async () => {
        const body = (
          await request(server).get(
            `${API}/operations/${res.body.operation.id}`,
          )
        ).body;
        return body.status === 'succeeded' ? body : undefined;
      }, 'the clone operation');
      expect(operation.type).toBe('clone');
      const operations = await request(server).get(
        `${API}/environments/big-copy/operations`,
      );
      expect(operations.body.items.map((o: any) => o.id)).toEqual([
        res.body.operation.id,
      ]);
    },
  );
  it.each(databases.eachSupportedId())(
    'records the pull request of a preview clone as its origin, on %p',
    async databaseId => {
      const { server, source } = await start(databaseId);
      const pullRequest = {
        provider: 'github',
        repository: 'example/storefront',
        number: 42,
        branch: 'feat/new-checkout',
        headSha: '4f2a9c1e8b7d6a5f4e3d2c1b0a9f8e7d6c5b4a39',
        url: 'https://github.com/example/storefront/pull/42',
      };
      const res = await request(server)
        .post(`${API}/environments/staging/clone`)
        .send(
          clone({ name: 'pr-storefront-42', mode: 'preview', pullRequest }),
        );
      expect(res.status).toBe(202);
      expect(res.body.environment.origin).toEqual({
        type: 'preview',
        sourceEnvironmentId: source.id,
        pullRequest,
      });
      const bad = await request(server)
        .post(`${API}/environments/staging/clone`)
        .send(
          clone({
            name: 'pr-storefront-43',
            mode: 'preview',
            pullRequest: { ...pullRequest, headSha: 'not-a-sha' },
          }),
        );
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toContain('pullRequest.headSha');
    },
  );
});

describe('POST /environments/{name}/clone permissions', () => {
  it.each([
    ['environments.environment.read'],
    ['environments.environment.clone'],
    ['environments.environment.create'],
  ])(
    'refuses the clone when %s is denied, and stores nothing',
    async permission => {
      const denied = new Set<string>();
      const permissions = mockServices.permissions.mock({
        authorize: async (requests: any[]) =>
          requests.map(r => ({
            result: denied.has(r.permission.name)
              ? AuthorizeResult.DENY
              : AuthorizeResult.ALLOW,
          })),
        authorizeConditional: async (requests: any[]) =>
          requests.map(() => ({ result: AuthorizeResult.ALLOW })),
      } as any);
      const { server } = await startTestBackend({
        features: [
          environmentsPlugin,
          mockServices.rootConfig.factory({ data: config }),
          permissions.factory,
        ],
      });
      expect(
        (await request(server).post(`${API}/environments`).send(staging))
          .status,
      ).toBe(202);

      denied.add(permission);
      for (const body of [clone(), clone({ dryRun: true })]) {
        const res = await request(server)
          .post(`${API}/environments/staging/clone`)
          .send(body);
        expect(res.status).toBe(403);
        expect(res.body.error.name).toBe('NotAllowedError');
        expect(res.body.error.message).toContain(permission);
      }
      const list = await request(server).get(`${API}/environments`);
      expect(list.body.items.map((e: any) => e.name)).toEqual(['staging']);
    },
  );

  it('checks the read and clone permissions against the source environment', async () => {
    const authorize = jest.fn(async (requests: any[]) =>
      requests.map(r => ({
        result:
          r.permission.name === 'environments.environment.read'
            ? AuthorizeResult.ALLOW
            : AuthorizeResult.DENY,
      })),
    );
    const permissions = mockServices.permissions.mock({ authorize } as any);
    const { server } = await startTestBackend({
      features: [
        environmentsPlugin,
        mockServices.rootConfig.factory({ data: config }),
        permissions.factory,
      ],
    });
    await request(server)
      .post(`${API}/environments/staging/clone`)
      .send(clone());
    for (const name of [
      'environments.environment.read',
      'environments.environment.clone',
    ]) {
      expect(authorize).toHaveBeenCalledWith(
        [
          expect.objectContaining({
            permission: expect.objectContaining({ name }),
            resourceRef: 'staging',
          }),
        ],
        expect.anything(),
      );
    }
  });
});
