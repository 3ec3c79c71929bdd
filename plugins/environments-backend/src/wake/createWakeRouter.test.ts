import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import express from 'express';
import request from 'supertest';
import { ObservationStore } from '../observations/ObservationStore';
import {
  newEnvironment,
  newOperation,
  setupStore,
  web,
} from '../storage/__testUtils__/storeFixtures';
import { createWakeRouter } from './createWakeRouter';
import { WakeService } from './WakeService';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

async function setup(databaseId: TestDatabaseId) {
  const { knex, store, clock } = await setupStore(databases, databaseId);
  const observations = new ObservationStore(knex);
  const create = async (name: string, status: string, mode = 'preview') => {
    const { environment } = await store.createEnvironment(
      newEnvironment(name, {
        mode: mode as 'preview',
        services: [{ ...web, customDomains: [], variables: [] }],
      }),
      newOperation(),
    );
    await knex('environments')
      .where({ id: environment.id })
      .update({
        status,
        desired_state: status === 'stopped' ? 'stopped' : 'running',
      });
    return environment;
  };
  const starts: string[] = [];
  const wake = new WakeService({
    store,
    observations,
    startEnvironment: async (env, key) => {
      starts.push(env.name);
      await knex('environments')
        .where({ id: env.id })
        .update({ status: 'starting', desired_state: 'running' });
      return (
        await store.createOperation(
          env.id,
          newOperation({
            type: 'start',
            steps: ['start'],
            idempotencyKey: key,
          }),
        )
      ).operation;
    },
    settings: {
      enabled: true,
      modes: ['preview'],
      startsPerClientPerHour: 1,
      startWindowMs: 60_000,
    },
    now: clock.now,
  });
  const app = express().use(
    '/api/environments',
    createWakeRouter({
      wake,
      store,
      portalUrl: name => `http://portal.example.com/environments/${name}`,
    }),
  );
  return { app, create, starts, observations, clock };
}

describe('createWakeRouter', () => {
  it.each(databases.eachSupportedId())(
    'serves the waking page of a sleeping service, starts it on POST only, and limits each visitor, on %p',
    async databaseId => {
      const { app, create, starts, clock } = await setup(databaseId);
      await create('pr-acme-shop-7', 'stopped');
      clock.tick(1_000);

      const page = await request(app).get(
        '/api/environments/wake/pr-acme-shop-7/web',
      );
      expect(page.status).toBe(200);
      expect(page.headers['content-type']).toMatch(/text\/html/);
      expect(page.text).toContain('Waking up <code>pr-acme-shop-7</code>');
      expect(page.text).toContain(
        'data-wake-url="/api/environments/wake/pr-acme-shop-7/web"',
      );
      expect(page.text).toContain(
        '<script src="/api/environments/wake/script.js">',
      );
      // a GET, as link previews do, wakes nothing
      expect(starts).toEqual([]);

      const started = await request(app).post(
        '/api/environments/wake/pr-acme-shop-7/web/start',
      );
      expect(started.status).toBe(200);
      expect(started.body).toMatchObject({ state: 'starting' });
      expect(starts).toEqual(['pr-acme-shop-7']);

      const status = await request(app).get(
        '/api/environments/wake/pr-acme-shop-7/web/status',
      );
      expect(status.body).toMatchObject({
        state: 'starting',
        steps: [{ name: 'start' }],
      });

      const script = await request(app).get('/api/environments/wake/script.js');
      expect(script.headers['content-type']).toMatch(/javascript/);
      expect(script.text).toContain("call('POST', '/start')");
    },
  );

  it.each(databases.eachSupportedId())(
    'answers 429 once a visitor has used the hourly budget, on %p',
    async databaseId => {
      const { app, create } = await setup(databaseId);
      await create('pr-acme-shop-7', 'stopped');
      await create('pr-acme-shop-8', 'stopped');
      await request(app)
        .post('/api/environments/wake/pr-acme-shop-7/web/start')
        .expect(200);
      const limited = await request(app).post(
        '/api/environments/wake/pr-acme-shop-8/web/start',
      );
      expect(limited.status).toBe(429);
      expect(limited.body.error.message).toMatch(/Too many wake-ups/);
    },
  );

  it.each(databases.eachSupportedId())(
    'says why production does not wake, and escapes what it shows, on %p',
    async databaseId => {
      const { app, create, starts } = await setup(databaseId);
      await create('shop-prod', 'stopped', 'production');
      const page = await request(app).get(
        '/api/environments/wake/shop-prod/web',
      );
      expect(page.status).toBe(409);
      expect(page.text).toMatch(/production: it never starts on traffic/);
      expect(page.text).toContain(
        'href="http://portal.example.com/environments/shop-prod"',
      );
      await request(app)
        .post('/api/environments/wake/shop-prod/web/start')
        .expect(409);
      expect(starts).toEqual([]);

      const odd = await request(app).get(
        '/api/environments/wake/%3Cscript%3E/web',
      );
      expect(odd.status).toBe(404);
      expect(odd.text).not.toContain('<script>');
    },
  );

  it.each(databases.eachSupportedId())(
    'serves a local service while it runs and sends visitors of a sleeping one to the waking page, on %p',
    async databaseId => {
      const { app, create, observations, clock } = await setup(databaseId);
      const running = await create('dev-ada', 'running', 'development');
      await create('pr-acme-shop-7', 'stopped');

      const page = await request(app).get(
        '/api/environments/local-services/dev-ada/web/some/path',
      );
      expect(page.status).toBe(200);
      expect(page.text).toContain('<code>web</code> in <code>dev-ada</code>');
      expect(page.text).toContain('ghcr.io/acme/shop-web:1.4.2');

      const asleep = await request(app).get(
        '/api/environments/local-services/pr-acme-shop-7/web/',
      );
      expect(asleep.status).toBe(302);
      expect(asleep.headers.location).toBe(
        '/api/environments/wake/pr-acme-shop-7/web',
      );

      await request(app)
        .get('/api/environments/local-services/dev-ada/nope/')
        .expect(404);

      // the waking page of a running service forwards to it
      await observations.record(
        running.id,
        {
          observedAt: clock.now().toISOString(),
          services: [
            {
              name: 'web',
              phase: 'running',
              urls: [
                'http://localhost:7007/api/environments/local-services/dev-ada/web/',
              ],
            },
          ],
        },
        clock.now(),
      );
      const forward = await request(app).get(
        '/api/environments/wake/dev-ada/web',
      );
      expect(forward.status).toBe(302);
      expect(forward.headers.location).toBe(
        'http://localhost:7007/api/environments/local-services/dev-ada/web/',
      );
    },
  );
});
