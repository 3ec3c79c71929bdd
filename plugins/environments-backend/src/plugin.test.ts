import { ownerOnlyPermissions } from './__testUtils__/permissions';
import {
  TestDatabaseId,
  TestDatabases,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { createBackendModule } from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { environmentsActivityExtensionPoint } from '@greenroom/plugin-environments-node';
import request from 'supertest';
import { waitFor } from './engine/testing/waitFor';
import { environmentsPlugin } from './plugin';

jest.setTimeout(60_000);

const SECRET = 'sk_test_canary_value_0123456789';

const validInput = (name = 'dev-ada') => ({
  name,
  system: 'shop',
  owner: 'team-shop',
  mode: 'development',
  services: [
    {
      name: 'orders-api',
      kind: 'application',
      componentRef: 'component:default/orders-api',
      image: { repository: 'ghcr.io/example/orders-api', tag: '1.0.0' },
      ports: [{ port: 8080, public: true }],
    },
    {
      name: 'orders-db',
      kind: 'database',
      database: { engine: 'postgresql', version: '16', mode: 'container' },
    },
  ],
  variables: [
    { key: 'DATABASE_URL', kind: 'alias', aliasOf: 'GR_ORDERS_DB_URL' },
    { key: 'STRIPE_KEY', kind: 'secret', value: SECRET },
  ],
});

describe('environments plugin', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  async function start(databaseId: TestDatabaseId, extraFeatures: any[] = []) {
    const knex = await databases.init(databaseId);
    const auditor = mockServices.auditor.mock();
    const auditEvent = { success: jest.fn(), fail: jest.fn() };
    auditor.createEvent.mockResolvedValue(auditEvent);
    const { server } = await startTestBackend({
      features: [
        environmentsPlugin,
        mockServices.database.factory({ knex }),
        mockServices.rootConfig.factory({
          data: {
            environments: {
              secretsKey: 'test-secrets-key-that-is-long-enough',
              localRuntime: { delayMs: 10 },
            },
          },
        }),
        auditor.factory,
        ...extraFeatures,
      ],
    });
    return { server, auditor, auditEvent, knex };
  }

  async function waitForStatus(server: any, name: string, status: string) {
    for (let i = 0; i < 100; i++) {
      const res = await request(server).get(
        `/api/environments/environments/${name}`,
      );
      if (res.body.status === status) return res.body;
      await new Promise(r => setTimeout(r, 50));
    }
    throw new Error(`environment ${name} never reached ${status}`);
  }

  /** The latest operation of an environment, once it has finished. */
  async function waitForOperation(server: any, name: string) {
    return waitFor(async () => {
      const res = await request(server).get(
        `/api/environments/environments/${name}/operations`,
      );
      const [latest] = res.body.items;
      return latest && !['queued', 'running'].includes(latest.status)
        ? latest
        : undefined;
    }, 5_000);
  }

  it.each(databases.eachSupportedId())(
    'creates, lists, reads and runs an environment on %p, never returning a secret',
    async databaseId => {
      const { server, auditor, auditEvent, knex } = await start(databaseId);

      const created = await request(server)
        .post('/api/environments/environments')
        .send(validInput());
      expect(created.status).toBe(202);
      expect(created.body.operation).toMatchObject({
        type: 'create',
        status: 'queued',
      });
      expect(created.body.environment).toMatchObject({
        name: 'dev-ada',
        title: 'dev-ada',
        system: 'system:default/shop',
        owner: 'group:default/team-shop',
        runtime: { type: 'local' },
        policy: { idleAfter: '2h', priority: 30 },
        createdBy: mockCredentials.user().principal.userEntityRef,
      });
      expect(created.body.environment.variables).toContainEqual({
        key: 'STRIPE_KEY',
        kind: 'secret',
        isSet: true,
      });
      expect(auditor.createEvent).toHaveBeenCalledWith(
        expect.objectContaining({ eventId: 'environment-create' }),
      );
      expect(auditEvent.success).toHaveBeenCalled();

      const running = await waitForStatus(server, 'dev-ada', 'running');
      expect(running.services.map((s: any) => s.name)).toEqual([
        'orders-api',
        'orders-db',
      ]);

      const list = await request(server).get('/api/environments/environments');
      expect(list.status).toBe(200);
      expect(list.body.totalCount).toBe(1);

      // The environment shows running a moment before its operation is saved as done.
      const operation = await waitForOperation(server, 'dev-ada');
      expect(operation).toMatchObject({ type: 'create', status: 'succeeded' });
      expect(operation.checkpoints).toBeUndefined();

      for (const res of [created, running, list, operation]) {
        expect(JSON.stringify(res.body ?? res)).not.toContain(SECRET);
      }
      // Encrypted at rest: no table holds the plaintext.
      const rows = await knex('environment_variables').select();
      expect(JSON.stringify(rows)).not.toContain(SECRET);
    },
  );

  it.each(databases.eachSupportedId())(
    'schedules its global tasks in order, with their timings, on %p',
    async databaseId => {
      const scheduler = mockServices.scheduler.mock();
      const activity = createBackendModule({
        pluginId: 'environments',
        moduleId: 'test-activity',
        register(reg) {
          reg.registerInit({
            deps: { activity: environmentsActivityExtensionPoint },
            async init(deps) {
              deps.activity.addActivitySource({
                id: 'test',
                readActivity: async () => [],
              });
            },
          });
        },
      });
      await start(databaseId, [scheduler.factory, activity]);

      const tasks = scheduler.scheduleTask.mock.calls.map(([task]) => ({
        id: task.id,
        frequency: task.frequency,
        timeout: task.timeout,
        initialDelay: task.initialDelay,
        scope: task.scope,
      }));
      const task = (
        id: string,
        frequency: object,
        timeout: object,
        initialDelay: object,
      ) => ({ id, frequency, timeout, initialDelay, scope: 'global' });
      expect(tasks).toEqual([
        task(
          'environments-secrets-reencrypt',
          { milliseconds: 3_600_000 },
          { minutes: 30 },
          { seconds: 20 },
        ),
        task(
          'environments-start-queued-previews',
          { minutes: 1 },
          { minutes: 5 },
          { seconds: 30 },
        ),
        task(
          'environments-policy-sweep',
          { milliseconds: 60_000 },
          { minutes: 5 },
          { seconds: 45 },
        ),
        task(
          'environments-activity-poll',
          { milliseconds: 300_000 },
          { minutes: 5 },
          { seconds: 30 },
        ),
        task(
          'environments-orphan-collection',
          { milliseconds: 3_600_000 },
          { minutes: 30 },
          { minutes: 2 },
        ),
        task(
          'environments-reconcile',
          { milliseconds: 30_000 },
          { milliseconds: 150_000 },
          { seconds: 30 },
        ),
        task(
          'environments-cost-rollup',
          { hours: 1 },
          { minutes: 15 },
          { minutes: 1 },
        ),
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'serves what runs: each service observed with its URLs, the local service page, and the waking page once stopped, on %p',
    async databaseId => {
      const { server } = await start(databaseId);
      await request(server)
        .post('/api/environments/environments')
        .send(validInput())
        .expect(202);
      await waitForStatus(server, 'dev-ada', 'running');
      await waitForOperation(server, 'dev-ada');

      const env = (
        await request(server).get('/api/environments/environments/dev-ada')
      ).body;
      const api = env.services.find((s: any) => s.name === 'orders-api');
      expect(api.observed).toMatchObject({
        phase: 'running',
        replicas: { ready: 1, desired: 1 },
        image: 'ghcr.io/example/orders-api:1.0.0',
        internalUrls: ['http://orders-api:8080'],
      });
      expect(api.observed.publicUrls).toHaveLength(1);
      const url = new URL(api.observed.publicUrls[0]);
      expect(url.pathname).toBe(
        '/api/environments/local-services/dev-ada/orders-api/',
      );
      expect(env.observation).toMatchObject({
        drift: [],
        failures: 0,
        observedAt: expect.any(String),
      });
      const list = await request(server).get('/api/environments/environments');
      expect(list.body.items[0].services[0].observed.publicUrls).toEqual(
        api.observed.publicUrls,
      );

      // the service's URL answers without signing in to the portal
      const page = await request(server)
        .get(url.pathname)
        .set('authorization', '');
      expect(page.status).toBe(200);
      expect(page.text).toContain(
        '<code>orders-api</code> in <code>dev-ada</code>',
      );

      // re-applying a running environment redeploys it as stored
      const reapplied = await request(server)
        .post('/api/environments/environments/dev-ada/reapply')
        .send({});
      expect(reapplied.status).toBe(202);
      expect(reapplied.body.operation).toMatchObject({
        type: 'update',
        steps: [{ name: 'resolve' }, { name: 'apply' }, { name: 'observe' }],
      });
      await waitForOperation(server, 'dev-ada');

      await request(server)
        .post('/api/environments/environments/dev-ada/stop')
        .send({})
        .expect(202);
      await waitForStatus(server, 'dev-ada', 'stopped');
      const refused = await request(server)
        .post('/api/environments/environments/dev-ada/reapply')
        .send({});
      expect(refused.status).toBe(409);
      expect(refused.body.error.message).toMatch(/start it instead/);
      const stopped = (
        await request(server).get('/api/environments/environments/dev-ada')
      ).body;
      expect(
        stopped.services.find((s: any) => s.name === 'orders-api').observed,
      ).toMatchObject({ phase: 'stopped', replicas: { ready: 0 } });
      const asleep = await request(server).get(url.pathname);
      expect(asleep.status).toBe(302);
      expect(asleep.headers.location).toBe(
        '/api/environments/wake/dev-ada/orders-api',
      );
      // waking is off here (no environments.wake.actAs): the page says so
      const wake = await request(server).get(asleep.headers.location);
      expect(wake.status).toBe(409);
      expect(wake.text).toContain('waking on traffic is off in this portal');
      // the waking page's script and status answer a visitor without a token too
      const script = await request(server)
        .get('/api/environments/wake/script.js')
        .set('authorization', '');
      expect(script.status).toBe(200);
      expect(script.text).toContain("call('POST', '/start')");
      await request(server)
        .get('/api/environments/wake/dev-ada/orders-api/status')
        .set('authorization', '')
        .expect(409);
    },
  );

  it.each(databases.eachSupportedId())(
    'answers bad input with a 400 naming the field, and stores nothing, on %p',
    async databaseId => {
      const { server } = await start(databaseId);
      const bad = validInput();
      (bad.services[0] as any).ports = [{ port: 70000, public: true }];
      const res = await request(server)
        .post('/api/environments/environments')
        .send(bad);
      expect(res.status).toBe(400);
      expect(res.body.error.name).toBe('InputError');
      expect(res.body.error.message).toContain('services[0].ports[0].port');

      const unknownField = await request(server)
        .post('/api/environments/environments')
        .send({ ...validInput(), colour: 'blue' });
      expect(unknownField.status).toBe(400);
      expect(unknownField.body.error.message).toContain('colour');

      const missingAlias = validInput();
      missingAlias.variables = [
        { key: 'DATABASE_URL', kind: 'alias', aliasOf: 'GR_NOPE_URL' },
      ];
      const alias = await request(server)
        .post('/api/environments/environments')
        .send(missingAlias);
      expect(alias.status).toBe(400);
      expect(alias.body.error.message).toContain('DATABASE_URL');

      const badLimit = await request(server).get(
        '/api/environments/environments?limit=0',
      );
      expect(badLimit.status).toBe(400);
      expect(badLimit.body.error.message).toContain('limit');

      const list = await request(server).get('/api/environments/environments');
      expect(list.body.totalCount).toBe(0);
    },
  );

  it.each(databases.eachSupportedId())(
    'answers a name clash and a stale revision with 409, and replays an idempotent request, on %p',
    async databaseId => {
      const { server } = await start(databaseId);
      const first = await request(server)
        .post('/api/environments/environments')
        .set('Idempotency-Key', 'create-dev-ada-1')
        .send(validInput());
      const replay = await request(server)
        .post('/api/environments/environments')
        .set('Idempotency-Key', 'create-dev-ada-1')
        .send(validInput());
      expect(replay.status).toBe(202);
      expect(replay.body.operation.id).toBe(first.body.operation.id);

      const clash = await request(server)
        .post('/api/environments/environments')
        .send(validInput());
      expect(clash.status).toBe(409);
      expect(clash.body.error.name).toBe('ConflictError');

      const { revision } = first.body.environment;
      const patched = await request(server)
        .patch('/api/environments/environments/dev-ada')
        .set('If-Match', String(revision))
        .send({ title: 'Ada’s sandbox' });
      expect(patched.status).toBe(200);
      expect(patched.body).toMatchObject({
        title: 'Ada’s sandbox',
        revision: revision + 1,
      });

      const stale = await request(server)
        .patch('/api/environments/environments/dev-ada')
        .set('If-Match', String(revision))
        .send({ title: 'lost update' });
      expect(stale.status).toBe(409);
      const after = await request(server).get(
        '/api/environments/environments/dev-ada',
      );
      expect(after.body.title).toBe('Ada’s sandbox');
    },
  );

  it.each(databases.eachSupportedId())(
    'filters, sorts and pages the list on %p',
    async databaseId => {
      const { server } = await start(databaseId);
      for (const [name, mode] of [
        ['alpha', 'development'],
        ['beta', 'staging'],
        ['gamma', 'development'],
      ] as const) {
        const res = await request(server)
          .post('/api/environments/environments')
          .send({ ...validInput(name), mode, title: `${name} title` });
        expect(res.status).toBe(202);
      }
      const dev = await request(server).get(
        '/api/environments/environments?mode=development&sort=-name',
      );
      expect(dev.body.items.map((e: any) => e.name)).toEqual([
        'gamma',
        'alpha',
      ]);
      expect(dev.body.totalCount).toBe(2);

      const page = await request(server).get(
        '/api/environments/environments?limit=1&offset=1',
      );
      expect(page.body.items.map((e: any) => e.name)).toEqual(['beta']);
      expect(page.body.totalCount).toBe(3);

      const text = await request(server).get(
        '/api/environments/environments?q=GAMMA',
      );
      expect(text.body.items.map((e: any) => e.name)).toEqual(['gamma']);

      const component = await request(server).get(
        `/api/environments/environments?component=${encodeURIComponent(
          'component:default/orders-api',
        )}`,
      );
      expect(component.body.totalCount).toBe(3);
      const none = await request(server).get(
        `/api/environments/environments?component=${encodeURIComponent(
          'component:default/storefront',
        )}`,
      );
      expect(none.body.totalCount).toBe(0);

      const unknown = await request(server).get(
        '/api/environments/environments?colour=blue',
      );
      expect(unknown.status).toBe(400);
    },
  );

  it.each(databases.eachSupportedId())(
    'stops, starts, extends and destroys through operations on %p',
    async databaseId => {
      const { server } = await start(databaseId);
      await request(server)
        .post('/api/environments/environments')
        .send(validInput());
      await waitForStatus(server, 'dev-ada', 'running');

      const before = (
        await request(server).get('/api/environments/environments/dev-ada')
      ).body;
      const stop = await request(server).post(
        '/api/environments/environments/dev-ada/stop',
      );
      expect(stop.status).toBe(202);
      // Acting on an environment is activity; the revision counts the request, not the status.
      const afterStop = (
        await request(server).get('/api/environments/environments/dev-ada')
      ).body;
      expect(Date.parse(afterStop.lastActivityAt)).toBeGreaterThan(
        Date.parse(before.lastActivityAt),
      );
      expect(afterStop.revision).toBe(before.revision + 1);
      expect(stop.body.operation.type).toBe('stop');
      await waitForStatus(server, 'dev-ada', 'stopped');

      const start2 = await request(server).post(
        '/api/environments/environments/dev-ada/start',
      );
      expect(start2.body.operation.type).toBe('start');
      await waitForStatus(server, 'dev-ada', 'running');

      const badExtend = await request(server)
        .post('/api/environments/environments/dev-ada/extend')
        .send({ by: 'soon' });
      expect(badExtend.status).toBe(400);
      expect(badExtend.body.error.message).toContain('by');

      const destroy = await request(server).delete(
        '/api/environments/environments/dev-ada',
      );
      expect(destroy.status).toBe(202);
      expect(destroy.body.operation.type).toBe('destroy');
      const operationId = destroy.body.operation.id;
      for (let i = 0; i < 100; i++) {
        const op = await request(server).get(
          `/api/environments/operations/${operationId}`,
        );
        if (op.body.status === 'succeeded') break;
        await new Promise(r => setTimeout(r, 50));
      }
      const gone = await request(server).get(
        '/api/environments/environments/dev-ada',
      );
      expect(gone.status).toBe(404);
    },
  );

  it.each(databases.eachSupportedId())(
    'sets and removes variables with clear errors on %p',
    async databaseId => {
      const { server } = await start(databaseId);
      await request(server)
        .post('/api/environments/environments')
        .send(validInput());

      const secret = await request(server)
        .put(
          '/api/environments/environments/dev-ada/services/orders-api/variables/API_TOKEN',
        )
        .send({ kind: 'secret', value: SECRET });
      expect(secret.status).toBe(200);
      const api = secret.body.services.find(
        (s: any) => s.name === 'orders-api',
      );
      expect(api.variables).toContainEqual({
        key: 'API_TOKEN',
        kind: 'secret',
        isSet: true,
      });
      expect(JSON.stringify(secret.body)).not.toContain(SECRET);

      const cycle = await request(server)
        .put('/api/environments/environments/dev-ada/variables/A')
        .send({ kind: 'alias', aliasOf: 'A' });
      expect(cycle.status).toBe(400);
      expect(cycle.body.error.message).toContain('A');

      const badKey = await request(server)
        .put('/api/environments/environments/dev-ada/variables/not-a-key')
        .send({ kind: 'value', value: 'x' });
      expect(badKey.status).toBe(400);
      expect(badKey.body.error.message).toContain('key');

      const noService = await request(server)
        .put('/api/environments/environments/dev-ada/services/nope/variables/X')
        .send({ kind: 'value', value: 'x' });
      expect(noService.status).toBe(404);

      const missing = await request(server).delete(
        '/api/environments/environments/dev-ada/variables/NOT_THERE',
      );
      expect(missing.status).toBe(404);

      // Services sent back as read keep their set secrets; a made-up one is refused.
      const read = (
        await request(server).get('/api/environments/environments/dev-ada')
      ).body;
      const services = read.services.map((s: any) =>
        s.name === 'orders-api' ? { ...s, replicas: 2 } : s,
      );
      const patched = await request(server)
        .patch('/api/environments/environments/dev-ada')
        .send({ services });
      expect(patched.status).toBe(202);
      expect(patched.body.operation.type).toBe('update');
      const apiAfter = patched.body.environment.services.find(
        (s: any) => s.name === 'orders-api',
      );
      expect(apiAfter.replicas).toBe(2);
      expect(apiAfter.variables).toContainEqual({
        key: 'API_TOKEN',
        kind: 'secret',
        isSet: true,
      });
      const forged = await request(server)
        .patch('/api/environments/environments/dev-ada')
        .send({
          services: services.map((s: any) =>
            s.name === 'orders-api'
              ? {
                  ...s,
                  variables: [
                    ...s.variables,
                    { key: 'NEW_SECRET', kind: 'secret', isSet: true },
                  ],
                }
              : s,
          ),
        });
      expect(forged.status).toBe(400);
      expect(forged.body.error.message).toContain('NEW_SECRET');

      const removed = await request(server).delete(
        '/api/environments/environments/dev-ada/variables/STRIPE_KEY',
      );
      expect(removed.status).toBe(200);
      expect(removed.body.variables.map((v: any) => v.key)).not.toContain(
        'STRIPE_KEY',
      );
    },
  );
});

describe('environments plugin permissions', () => {
  async function startWith(permissions: any) {
    const { server } = await startTestBackend({
      features: [
        environmentsPlugin,
        mockServices.rootConfig.factory({
          data: {
            environments: {
              secretsKey: 'test-secrets-key-that-is-long-enough',
              localRuntime: { delayMs: 10 },
            },
          },
        }),
        permissions,
      ],
    });
    return server;
  }

  it('refuses every route when permissions deny, and changes nothing', async () => {
    // dev-ada exists (made while allowed): a missing one would be a 404.
    let result: AuthorizeResult = AuthorizeResult.ALLOW;
    const decide = async (requests: unknown[]) =>
      requests.map(() => ({ result }));
    const server = await startWith(
      mockServices.permissions.mock({
        authorize: decide,
        authorizeConditional: decide,
      } as any).factory,
    );
    await request(server)
      .post('/api/environments/environments')
      .send(validInput())
      .expect(202);
    result = AuthorizeResult.DENY;
    const before = await request(server)
      .get('/api/environments/environments/dev-ada')
      .expect(403);
    expect(before.body.error.name).toBe('NotAllowedError');
    const calls: Array<[string, string, object?]> = [
      ['post', '/environments', validInput('dev-bob')],
      ['get', '/environments/dev-ada'],
      ['patch', '/environments/dev-ada', { title: 'x' }],
      ['delete', '/environments/dev-ada'],
      ['post', '/environments/dev-ada/stop'],
      ['post', '/environments/dev-ada/start'],
      ['post', '/environments/dev-ada/extend', { by: '1d' }],
      ['post', '/environments/dev-ada/activity', {}],
      ['get', '/environments/dev-ada/plan'],
      ['get', '/environments/dev-ada/operations'],
      [
        'put',
        '/environments/dev-ada/variables/X',
        { kind: 'value', value: 'x' },
      ],
      ['delete', '/environments/dev-ada/variables/X'],
      [
        'put',
        '/environments/dev-ada/services/api/variables/X',
        { kind: 'value', value: 'x' },
      ],
      ['delete', '/environments/dev-ada/services/api/variables/X'],
      [
        'post',
        '/environments/dev-ada/services',
        { template: 'postgresql', name: 'db', parameters: {} },
      ],
      ['get', '/environments/dev-ada/template-upgrades'],
      ['post', '/environments/dev-ada/services/db/upgrade', {}],
      ['get', '/cost/summary'],
      ['get', '/cost/series'],
      ['get', '/cost/export.csv'],
    ];
    for (const [method, path, body] of calls) {
      const res = await (request(server) as any)
        [method](`/api/environments${path}`)
        .send(body);
      expect({ method, path, status: res.status }).toEqual({
        method,
        path,
        status: 403,
      });
      expect(res.body.error.name).toBe('NotAllowedError');
    }
    const list = await request(server).get('/api/environments/environments');
    expect(list.status).toBe(200);
    expect(list.body).toEqual({ items: [], totalCount: 0 });
    // Nothing changed: allowed again, dev-ada is as it was and dev-bob absent.
    result = AuthorizeResult.ALLOW;
    const after = await request(server)
      .get('/api/environments/environments/dev-ada')
      .expect(200);
    expect(after.body.revision).toBe(1);
    expect(after.body.title).toBe('dev-ada');
    await request(server)
      .get('/api/environments/environments/dev-bob')
      .expect(404);
  });

  it('answers 404 for a missing environment even when every permission is denied', async () => {
    const server = await startWith(
      mockServices.permissions.factory({ result: AuthorizeResult.DENY }),
    );
    const res = await request(server).get(
      '/api/environments/environments/nowhere',
    );
    expect(res.status).toBe(404);
  });

  it('lists only what a conditional decision allows', async () => {
    const permissions = ownerOnlyPermissions(['group:default/team-shop']);
    const server = await startWith(permissions.factory);
    await request(server)
      .post('/api/environments/environments')
      .send(validInput('ours'));
    await request(server)
      .post('/api/environments/environments')
      .send({ ...validInput('theirs'), owner: 'group:default/platform' });
    const list = await request(server).get('/api/environments/environments');
    expect(list.body.items.map((e: any) => e.name)).toEqual(['ours']);
    expect(list.body.totalCount).toBe(1);
  });

  it('refuses callers without credentials', async () => {
    const server = await startWith(mockServices.permissions.factory());
    const res = await request(server)
      .get('/api/environments/environments')
      .set('Authorization', mockCredentials.none.header());
    expect(res.status).toBe(401);
    const health = await request(server)
      .get('/api/environments/health')
      .set('Authorization', mockCredentials.none.header());
    expect(health.status).toBe(200);
  });
});
