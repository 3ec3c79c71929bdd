import {
  TestDatabaseId,
  TestDatabases,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import { DatabaseEnvironmentsStore } from '../storage/DatabaseEnvironmentsStore';
import { waitForEnvironmentStatus } from '../__testUtils__/waitForEnvironment';
import { environmentsPlugin } from '../plugin';
import { SecretBox } from '../secrets/SecretBox';

jest.setTimeout(60_000);

const SECRETS_KEY = 'test-secrets-key-that-is-long-enough';

const input = (name: string, owner = 'team-shop') => ({
  name,
  system: 'shop',
  owner,
  mode: 'development',
  services: [
    {
      name: 'web',
      kind: 'application',
      image: { repository: 'ghcr.io/example/web', tag: '1.0.0' },
      ports: [{ port: 8080 }],
      resources: { cpu: '500m', memory: '512Mi', storage: '1Gi' },
    },
  ],
});

function start(
  extra: { knex?: any; permissions?: any; breakdown?: object } = {},
) {
  return startTestBackend({
    features: [
      environmentsPlugin,
      ...(extra.knex
        ? [mockServices.database.factory({ knex: extra.knex })]
        : []),
      ...(extra.permissions ? [extra.permissions] : []),
      mockServices.rootConfig.factory({
        data: {
          environments: {
            secretsKey: SECRETS_KEY,
            localRuntime: { delayMs: 10 },
            prices: {
              cpuCoreHour: 0.1,
              memoryGbHour: 0.01,
              storageGbHour: 0.001,
              managedDatabaseHourly: { 'db.t4g.small': 0.5 },
            },
            ...(extra.breakdown
              ? { cost: { breakdown: extra.breakdown } }
              : {}),
          },
        },
      }),
    ],
  });
}

describe('GET /environments/{name}/cost/breakdown', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  it.each(databases.eachSupportedId())(
    'lists the clipped intervals, their rates and totals equal to the summary on %p',
    async (databaseId: TestDatabaseId) => {
      const knex = await databases.init(databaseId);
      const { server } = await start({ knex, breakdown: { maxIntervals: 2 } });
      const created = await request(server)
        .post('/api/environments/environments')
        .send(input('dev-ada'));
      const id = created.body.environment.id;
      // The create's apply closes the environment's open intervals when it
      // runs: let it finish before writing a ledger of our own.
      await waitForEnvironmentStatus(server, 'dev-ada', 'running');
      const store = await DatabaseEnvironmentsStore.forTest(
        knex,
        new SecretBox(SECRETS_KEY),
      );
      const web = {
        environmentId: id,
        serviceName: 'hand-web',
        cpuCores: 2,
        memoryGb: 4,
        storageGb: 10,
      };
      // Running from the day before the window, stopped at 10:00, started at 20:00.
      await store.openServiceInterval(
        { ...web, state: 'running' },
        new Date('2026-01-04T12:00:00Z'),
      );
      await store.openServiceInterval(
        { ...web, state: 'stopped', reason: 'auto-stop' },
        new Date('2026-01-05T10:00:00Z'),
      );
      await store.openServiceInterval(
        { ...web, state: 'running' },
        new Date('2026-01-05T20:00:00Z'),
      );
      await store.closeServiceIntervals(
        id,
        new Date('2026-01-07T00:00:00Z'),
        'hand-web',
      );
      await store.openServiceInterval(
        {
          environmentId: id,
          serviceName: 'hand-db',
          state: 'running',
          cpuCores: 1,
          memoryGb: 2,
          storageGb: 20,
          instanceClass: 'db.t4g.small',
        },
        new Date('2026-01-05T00:00:00Z'),
      );
      await store.closeServiceIntervals(
        id,
        new Date('2026-01-05T06:00:00Z'),
        'hand-db',
      );

      const window = 'from=2026-01-05&to=2026-01-06';
      const res = await request(server).get(
        `/api/environments/environments/dev-ada/cost/breakdown?${window}`,
      );
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        environment: 'dev-ada',
        from: '2026-01-05T00:00:00.000Z',
        to: '2026-01-06T00:00:00.000Z',
        currency: 'USD',
        source: 'estimate',
        intervalCount: 4,
        truncated: true,
      });
      expect(res.body.rates.cpuCoreHour).toBe(0.1);
      // Oldest first, clipped to the window, at most maxIntervals listed.
      expect(res.body.intervals).toHaveLength(2);
      const [first, second] = res.body.intervals;
      expect(first).toMatchObject({
        service: 'hand-web',
        state: 'running',
        startedAt: '2026-01-05T00:00:00.000Z',
        endedAt: '2026-01-05T10:00:00.000Z',
        open: false,
        cpuCores: 2,
      });
      // 10 h × (2 cores × 0.1 + 4 GB × 0.01) = 2.4; storage 10 h × 10 GB × 0.001 = 0.1
      expect(first.hourly.compute).toBeCloseTo(0.24, 10);
      expect(first.cost.compute).toBeCloseTo(2.4, 10);
      expect(first.cost.storage).toBeCloseTo(0.1, 10);
      expect(first.cost.hours).toBeCloseTo(10, 10);
      expect(second).toMatchObject({
        service: 'hand-db',
        instanceClass: 'db.t4g.small',
      });
      expect(second.cost.database).toBeCloseTo(3, 10);
      // web: 2.5 + stopped 10 h × 0.01 = 0.1 + running 4 h × 0.25 = 1; db: 6 × 0.64 = 3.84
      expect(res.body.totals.total).toBeCloseTo(7.44, 10);

      const summary = await request(server).get(
        `/api/environments/cost/summary?${window}`,
      );
      const row = summary.body.rows.find((r: any) => r.key === 'dev-ada');
      for (const part of ['total', 'compute', 'storage', 'database']) {
        expect(res.body.totals[part]).toBeCloseTo(row[part], 10);
      }
      // Idle and savings as the summary counts them: nobody used dev-ada in
      // January, so its running time after the first 2 h of each start is
      // idle; auto-stop saved 10 h × 0.24 of compute.
      expect(res.body.idleAfterMs).toBe(2 * 60 * 60 * 1000);
      expect(res.body.savings.total).toBeCloseTo(2.4, 10);
      expect(res.body.savings.total).toBeCloseTo(row.savings, 10);
      expect(res.body.idle.total).toBeGreaterThan(0);
      expect(res.body.idle.total).toBeCloseTo(row.idle, 10);
      expect(res.body.idle.hours).toBeCloseTo(row.idleHours, 10);
      expect(first.idle.hours).toBeCloseTo(10, 10);
    },
  );

  it('answers a bad or oversized window with a 400 naming the field', async () => {
    const { server } = await start({ breakdown: { maxWindowDays: 31 } });
    await request(server)
      .post('/api/environments/environments')
      .send(input('dev-ada'));
    const cases: Array<[string, string]> = [
      ['from=yesterday', 'from'],
      ['from=2026-02-01&to=2026-01-01', 'to'],
      ['from=2026-01-01&to=2026-03-01', 'to'],
      ['from=2024-01-01&to=2026-01-01', 'to'],
    ];
    for (const [query, field] of cases) {
      const res = await request(server).get(
        `/api/environments/environments/dev-ada/cost/breakdown?${query}`,
      );
      expect({ query, status: res.status }).toEqual({ query, status: 400 });
      expect(res.body.error.message).toContain(field);
    }
    const month = await request(server).get(
      '/api/environments/environments/dev-ada/cost/breakdown?from=2026-01-01&to=2026-02-01',
    );
    expect(month.status).toBe(200);
  });

  it('is not found for an environment the caller may not read, forbidden without cost.read', async () => {
    // The policy lets the caller read every environment but 'theirs'.
    const { server } = await start({
      permissions: mockServices.permissions.mock({
        authorize: async (requests: any[]) =>
          requests.map(r => ({
            result:
              r.resourceRef === 'theirs'
                ? AuthorizeResult.DENY
                : AuthorizeResult.ALLOW,
          })),
        authorizeConditional: async (requests: any[]) =>
          requests.map(() => ({ result: AuthorizeResult.ALLOW })),
      } as any).factory,
    });
    await request(server)
      .post('/api/environments/environments')
      .send(input('ours'));
    await request(server)
      .post('/api/environments/environments')
      .send(input('theirs', 'platform'));
    const path = (name: string) =>
      `/api/environments/environments/${name}/cost/breakdown`;
    expect((await request(server).get(path('ours'))).status).toBe(200);
    for (const name of ['theirs', 'missing']) {
      const res = await request(server).get(path(name));
      expect({ name, status: res.status }).toEqual({ name, status: 404 });
    }

    const denied = await start({
      permissions: mockServices.permissions.factory({
        result: AuthorizeResult.DENY,
      }),
    });
    const res = await request(denied.server).get(path('ours'));
    expect(res.status).toBe(403);
    expect(res.body.error.message).toContain('environments.cost.read');
  });
});
