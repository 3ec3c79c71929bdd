import { ownerOnlyPermissions } from '../__testUtils__/permissions';
import {
  TestDatabaseId,
  TestDatabases,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  DEFAULT_PRICE_RATES,
  roundMoney,
} from '@greenroom/plugin-environments-common';
import request from 'supertest';
import { waitForEnvironmentStatus } from '../__testUtils__/waitForEnvironment';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseEnvironmentsStore } from '../storage/DatabaseEnvironmentsStore';
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
      name: 'orders-api',
      kind: 'application',
      componentRef: 'component:default/orders-api',
      image: { repository: 'ghcr.io/example/orders-api', tag: '1.0.0' },
      ports: [{ port: 8080, public: true }],
      resources: { cpu: '500m', memory: '512Mi', storage: '1Gi' },
    },
    {
      name: 'orders-db',
      kind: 'database',
      database: { engine: 'postgresql', version: '16', mode: 'container' },
    },
  ],
});

const CSV_HEADER =
  'key,currency,total,compute,storage,database,idle,idle_hours,savings,source';

function expectNonNegativeRow(row: Record<string, unknown>) {
  for (const field of [
    'total',
    'compute',
    'storage',
    'database',
    'idle',
    'savings',
  ]) {
    expect(row[field]).toBeGreaterThanOrEqual(0);
  }
}

describe('cost API', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  async function start(
    databaseId: TestDatabaseId,
    prices?: object,
    cost?: object,
  ) {
    const knex = await databases.init(databaseId);
    const { server } = await startTestBackend({
      features: [
        environmentsPlugin,
        mockServices.database.factory({ knex }),
        mockServices.rootConfig.factory({
          data: {
            environments: {
              secretsKey: SECRETS_KEY,
              localRuntime: { delayMs: 10 },
              ...(prices ? { prices } : {}),
              ...(cost ? { cost } : {}),
            },
          },
        }),
      ],
    });
    return { server, knex };
  }

  it.each(databases.eachSupportedId())(
    'reports what the ledger of running environments costs on %p',
    async databaseId => {
      const { server } = await start(databaseId);
      for (const [name, owner] of [
        ['dev-ada', 'team-shop'],
        ['dev-bob', 'platform'],
      ]) {
        const created = await request(server)
          .post('/api/environments/environments')
          .send(input(name, owner));
        expect(created.status).toBe(202);
      }
      await waitForEnvironmentStatus(server, 'dev-ada', 'running');
      await waitForEnvironmentStatus(server, 'dev-bob', 'running');
      // Let the open intervals accrue a little.
      await new Promise(r => setTimeout(r, 20));

      const expectedKeys = {
        environment: ['dev-ada', 'dev-bob'],
        owner: ['group:default/platform', 'group:default/team-shop'],
        system: ['system:default/shop'],
        mode: ['development'],
      };
      for (const [groupBy, keys] of Object.entries(expectedKeys)) {
        const summary = await request(server).get(
          `/api/environments/cost/summary?groupBy=${groupBy}`,
        );
        expect(summary.status).toBe(200);
        expect(summary.body.groupBy).toBe(groupBy);
        expect(summary.body.rates).toEqual(DEFAULT_PRICE_RATES);
        expect(summary.body.currency).toBe('USD');
        // Without price sources, every figure is the estimate.
        expect(summary.body.source).toBe('estimate');
        expect(summary.body.sourceFallbackDays).toEqual([]);
        expect(summary.body.totals.source).toBe('estimate');
        expect(summary.body.rows.map((r: any) => r.key).sort()).toEqual(keys);
        summary.body.rows.forEach(expectNonNegativeRow);
        expectNonNegativeRow(summary.body.totals);
        expect(summary.body.totals.total).toBeGreaterThan(0);
        // The default window is the current month so far.
        const now = new Date();
        expect(summary.body.from).toBe(
          new Date(
            Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1),
          ).toISOString(),
        );
        expect(summary.body.projectedMonth).toBeGreaterThanOrEqual(
          summary.body.totals.total,
        );
      }

      // Filters narrow every report to the matching environments.
      const teamShop = await request(server).get(
        '/api/environments/cost/summary?groupBy=environment&owner=group%3Adefault%2Fteam-shop',
      );
      expect(teamShop.body.rows.map((r: any) => r.key)).toEqual(['dev-ada']);
      const one = await request(server).get(
        '/api/environments/cost/series?environment=dev-bob',
      );
      expect(one.body.series.map((s: any) => s.key)).toEqual(['dev-bob']);
      const badMode = await request(server).get(
        '/api/environments/cost/summary?mode=weekend',
      );
      expect(badMode.status).toBe(400);
      expect(badMode.body.error.message).toMatch(/mode/);

      const series = await request(server).get(
        '/api/environments/cost/series?groupBy=owner&granularity=day',
      );
      expect(series.status).toBe(200);
      expect(series.body.granularity).toBe('day');
      expect(series.body.rates).toEqual(DEFAULT_PRICE_RATES);
      expect(series.body.days).toContain(new Date().toISOString().slice(0, 10));
      expect(series.body.series.map((s: any) => s.key).sort()).toEqual(
        expectedKeys.owner,
      );
      for (const entry of series.body.series) {
        expect(entry.totals).toHaveLength(series.body.days.length);
        expect(entry.total).toBeGreaterThanOrEqual(0);
        entry.totals.forEach((t: number) =>
          expect(t).toBeGreaterThanOrEqual(0),
        );
      }

      const csv = await request(server).get(
        '/api/environments/cost/export.csv?groupBy=environment',
      );
      expect(csv.status).toBe(200);
      expect(csv.headers['content-type']).toMatch(/^text\/csv/);
      expect(csv.headers['content-disposition']).toMatch(
        /^attachment; filename="environments-cost-by-environment-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv"$/,
      );
      const lines = csv.text.split('\r\n');
      expect(lines[0]).toBe(CSV_HEADER);
      expect(
        lines
          .slice(1, -1)
          .map(l => l.split(',')[0])
          .sort(),
      ).toEqual(['dev-ada', 'dev-bob']);
      expect(lines[lines.length - 1]).toBe('');
      for (const line of lines.slice(1, -1)) {
        const [, currency, ...money] = line.split(',');
        expect(currency).toBe('USD');
        expect(money.pop()).toBe('estimate');
        money.forEach(m => expect(Number(m)).toBeGreaterThanOrEqual(0));
      }
    },
  );

  it.each(databases.eachSupportedId())(
    'prices hand-written intervals exactly with configured rates on %p',
    async databaseId => {
      const prices = {
        currency: 'EUR',
        cpuCoreHour: 0.1,
        memoryGbHour: 0.01,
        storageGbHour: 0.001,
        managedDatabaseHourly: { 'db.t4g.small': 0.5 },
      };
      const { server, knex } = await start(databaseId, prices);
      const created = await request(server)
        .post('/api/environments/environments')
        .send(input('dev-ada'));
      expect(created.status).toBe(202);
      const id = created.body.environment.id;
      // The create's apply closes the environment's open intervals when it
      // runs: let it finish before writing a ledger of our own.
      await waitForEnvironmentStatus(server, 'dev-ada', 'running');
      const store = await DatabaseEnvironmentsStore.forTest(
        knex,
        new SecretBox(SECRETS_KEY),
      );
      const at = (iso: string) => new Date(iso);
      // web: 2 cores, 4 GB, 10 GB storage; running 00:00-10:00, stopped 10:00-24:00.
      const web = {
        environmentId: id,
        serviceName: 'hand-web',
        cpuCores: 2,
        memoryGb: 4,
        storageGb: 10,
      };
      await store.openServiceInterval(
        { ...web, state: 'running' },
        at('2026-01-05T00:00:00Z'),
      );
      await store.openServiceInterval(
        { ...web, state: 'stopped' },
        at('2026-01-05T10:00:00Z'),
      );
      await store.closeServiceIntervals(
        id,
        at('2026-01-06T00:00:00Z'),
        'hand-web',
      );
      // db: 1 core, 2 GB, 20 GB storage, class db.t4g.small; running 00:00-06:00.
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
        at('2026-01-05T00:00:00Z'),
      );
      await store.closeServiceIntervals(
        id,
        at('2026-01-05T06:00:00Z'),
        'hand-db',
      );
      // An interval outside the window does not count.
      await store.openServiceInterval(
        { ...web, serviceName: 'hand-old', state: 'running' },
        at('2025-12-01T00:00:00Z'),
      );
      await store.closeServiceIntervals(
        id,
        at('2025-12-02T00:00:00Z'),
        'hand-old',
      );

      // By hand, with cpu 0.1/core-h, memory 0.01/GB-h, storage 0.001/GB-h, db 0.5/h:
      //   web running 10 h: compute 10 * (2 * 0.1 + 4 * 0.01) = 2.4, storage 10 * 10 * 0.001 = 0.1
      //   web stopped 14 h: storage 14 * 10 * 0.001 = 0.14
      //   db running 6 h:   compute 6 * (0.1 + 2 * 0.01) = 0.72, storage 6 * 20 * 0.001 = 0.12,
      //                     database 6 * 0.5 = 3
      //   total 2.4 + 0.1 + 0.14 + 0.72 + 0.12 + 3 = 6.48
      //     (compute 3.12, storage 0.36, database 3)
      //   idle (no activity; development idles after 2h, from 02:00):
      //     web 8 h * (0.24 + 0.01) = 2, db 4 h * (0.12 + 0.02 + 0.5) = 2.56 → 4.56
      const window = 'from=2026-01-05&to=2026-01-07';
      const summary = await request(server).get(
        `/api/environments/cost/summary?groupBy=owner&${window}`,
      );
      expect(summary.status).toBe(200);
      // Configured classes are added to the default table.
      expect(summary.body.rates).toEqual({
        ...prices,
        managedDatabaseHourly: {
          ...DEFAULT_PRICE_RATES.managedDatabaseHourly,
          'db.t4g.small': 0.5,
        },
      });
      expect(summary.body.currency).toBe('EUR');
      expect(summary.body.from).toBe('2026-01-05T00:00:00.000Z');
      expect(summary.body.to).toBe('2026-01-07T00:00:00.000Z');
      expect(summary.body.projectedMonth).toBeUndefined();
      expect(summary.body.rows).toHaveLength(1);
      const [row] = summary.body.rows;
      expect(row.key).toBe('group:default/team-shop');
      expect(row.total).toBeCloseTo(6.48, 10);
      expect(row.compute).toBeCloseTo(3.12, 10);
      expect(row.storage).toBeCloseTo(0.36, 10);
      expect(row.database).toBeCloseTo(3, 10);
      expect(row.idle).toBeCloseTo(4.56, 10);
      // web idle [02:00, 10:00) and db idle [02:00, 06:00): 8 h of the environment
      expect(row.idleHours).toBeCloseTo(8, 10);
      expect(summary.body.totals.total).toBeCloseTo(6.48, 10);

      const series = await request(server).get(
        `/api/environments/cost/series?groupBy=environment&${window}`,
      );
      expect(series.status).toBe(200);
      expect(series.body.days).toEqual(['2026-01-05', '2026-01-06']);
      expect(series.body.series).toHaveLength(1);
      expect(series.body.series[0].key).toBe('dev-ada');
      expect(series.body.series[0].totals[0]).toBeCloseTo(6.48, 10);
      expect(series.body.series[0].totals[1]).toBe(0);

      const csv = await request(server).get(
        `/api/environments/cost/export.csv?groupBy=mode&${window}`,
      );
      expect(csv.status).toBe(200);
      expect(csv.headers['content-disposition']).toBe(
        'attachment; filename="environments-cost-by-mode-2026-01-05-to-2026-01-07.csv"',
      );
      expect(csv.text).toBe(
        `${CSV_HEADER}\r\ndevelopment,EUR,6.48,3.12,0.36,3.00,4.56,8,0.00,estimate\r\n`,
      );
    },
  );

  it.each(databases.eachSupportedId())(
    'answers bad input with a 400 naming the field on %p',
    async databaseId => {
      const { server } = await start(databaseId);
      const cases: Array<[string, string]> = [
        ['/cost/summary?groupBy=team', 'groupBy'],
        ['/cost/series?groupBy=team', 'groupBy'],
        ['/cost/export.csv?groupBy=team', 'groupBy'],
        ['/cost/series?granularity=hour', 'granularity'],
        ['/cost/summary?from=2026-02-01&to=2026-01-01', 'to'],
        ['/cost/summary?from=2026-01-01&to=2026-01-01', 'to'],
        ['/cost/series?from=2026-02-01&to=2026-01-01', 'to'],
        ['/cost/export.csv?from=2026-02-01&to=2026-01-01', 'to'],
        ['/cost/summary?from=2024-01-01&to=2025-06-01', 'to'],
        ['/cost/summary?from=yesterday', 'from'],
        ['/cost/summary?from=2026-01-01&to=2026-13-45', 'to'],
        ['/cost/summary?limit=0', 'limit'],
        ['/cost/summary?limit=2.5', 'limit'],
        ['/cost/summary?limit=ten', 'limit'],
        ['/cost/summary?limit=1001', 'limit'],
      ];
      for (const [path, field] of cases) {
        const res = await request(server).get(`/api/environments${path}`);
        expect({ path, status: res.status }).toEqual({ path, status: 400 });
        expect(res.body.error.message).toContain(field);
      }
    },
  );

  it.each(databases.eachSupportedId())(
    'answers the highest rows up to limit, with every row counted and added up, on %p',
    async databaseId => {
      const { server } = await start(databaseId, undefined, {
        summary: { maxLimit: 2 },
      });
      for (const [name, cpu] of [
        ['dev-small', '250m'],
        ['dev-large', '2'],
        ['dev-middle', '1'],
      ]) {
        const body = input(name);
        Object.assign(body.services[0], {
          resources: { cpu, memory: '512Mi', storage: '1Gi' },
        });
        const created = await request(server)
          .post('/api/environments/environments')
          .send(body);
        expect(created.status).toBe(202);
      }
      for (const name of ['dev-small', 'dev-large', 'dev-middle']) {
        await waitForEnvironmentStatus(server, name, 'running');
      }
      await new Promise(r => setTimeout(r, 20));
      // A fixed window, so that every answer prices the same hours.
      const window = new URLSearchParams({
        from: new Date(Date.now() - 60 * 60 * 1000).toISOString(),
        to: new Date().toISOString(),
      });
      const summary = (query: string) =>
        request(server).get(`/api/environments/cost/summary?${window}${query}`);

      const all = await summary('');
      expect(all.status).toBe(200);
      expect(all.body.rowCount).toBe(3);
      // Highest first, to the cent (rows equal to the cent go by name).
      const cents = all.body.rows.map((r: any) => roundMoney(r.total));
      expect(cents).toEqual([...cents].sort((a, b) => b - a));
      expect(all.body.rows[2].total).toBeGreaterThan(0);

      const top = await summary('&limit=2');
      expect(top.status).toBe(200);
      expect(top.body.rows).toEqual(all.body.rows.slice(0, 2));
      expect(top.body.rowCount).toBe(3);
      expect(top.body.totals).toEqual(all.body.totals);
      expect(top.body.totals.total).toBeGreaterThan(
        top.body.rows[0].total + top.body.rows[1].total,
      );

      // The configured maximum, named in the answer.
      const tooMany = await summary('&limit=3');
      expect(tooMany.status).toBe(400);
      expect(tooMany.body.error.message).toBe(
        'limit: must be at most 2 (environments.cost.summary.maxLimit), got 3',
      );
    },
  );

  it('prices config that is not a non-negative number fails start-up naming the key', async () => {
    await expect(
      startTestBackend({
        features: [
          environmentsPlugin,
          mockServices.rootConfig.factory({
            data: {
              environments: {
                secretsKey: SECRETS_KEY,
                prices: { memoryGbHour: -1 },
              },
            },
          }),
        ],
      }),
    ).rejects.toThrow(/environments\.prices\.memoryGbHour/);
  });

  it('takes prices from an AWS RDS price file, and a bad one fails start-up naming the path and field', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'greenroom-rds-'));
    const offer = (usd: string) => ({
      offerCode: 'AmazonRDS',
      products: {
        SKU1: {
          sku: 'SKU1',
          attributes: {
            instanceType: 'db.r6g.xlarge',
            databaseEngine: 'PostgreSQL',
            deploymentOption: 'Single-AZ',
            regionCode: 'eu-west-1',
          },
        },
      },
      terms: {
        OnDemand: {
          SKU1: {
            'SKU1.JRTCKXETXF': {
              priceDimensions: {
                'SKU1.JRTCKXETXF.6YS6EN2CT7': {
                  unit: 'Hrs',
                  pricePerUnit: { USD: usd },
                },
              },
            },
          },
        },
      },
    });
    const good = join(dir, 'good.json');
    const bad = join(dir, 'bad.json');
    writeFileSync(good, JSON.stringify(offer('0.4320000000')));
    writeFileSync(bad, JSON.stringify(offer('-1')));
    const config = (path: string) =>
      mockServices.rootConfig.factory({
        data: {
          environments: {
            secretsKey: SECRETS_KEY,
            priceSources: {
              awsRdsPriceFile: {
                path,
                databaseEngine: 'PostgreSQL',
                region: 'eu-west-1',
              },
            },
          },
        },
      });
    const { server } = await startTestBackend({
      features: [environmentsPlugin, config(good)],
    });
    const summary = await request(server).get('/api/environments/cost/summary');
    expect(summary.status).toBe(200);
    expect(summary.body.rates.managedDatabaseHourly['db.r6g.xlarge']).toBe(
      0.432,
    );
    expect(summary.body.source).toBe('aws-price-file');
    await expect(
      startTestBackend({ features: [environmentsPlugin, config(bad)] }),
    ).rejects.toThrow(
      `environments.priceSources.awsRdsPriceFile.path (${bad}): terms.OnDemand.SKU1.SKU1.JRTCKXETXF.priceDimensions.SKU1.JRTCKXETXF.6YS6EN2CT7.pricePerUnit.USD: expected a non-negative price, got -1`,
    );
  });
});

describe('cost API permissions', () => {
  async function startWith(permissions: any) {
    const { server } = await startTestBackend({
      features: [
        environmentsPlugin,
        mockServices.rootConfig.factory({
          data: {
            environments: {
              secretsKey: SECRETS_KEY,
              localRuntime: { delayMs: 10 },
            },
          },
        }),
        permissions,
      ],
    });
    return server;
  }

  it('refuses every cost route without environments.cost.read', async () => {
    const server = await startWith(
      mockServices.permissions.factory({ result: AuthorizeResult.DENY }),
    );
    for (const path of [
      '/cost/summary',
      '/cost/series',
      '/cost/export.csv',
      '/cost/summary?groupBy=owner&from=2026-01-01&to=2026-02-01',
    ]) {
      const res = await request(server).get(`/api/environments${path}`);
      expect({ path, status: res.status }).toEqual({ path, status: 403 });
      expect(res.body.error.name).toBe('NotAllowedError');
      expect(res.body.error.message).toContain('environments.cost.read');
    }
  });

  it('leaves out environments the caller cannot read', async () => {
    const permissions = ownerOnlyPermissions(['group:default/team-shop']);
    const server = await startWith(permissions.factory);
    await request(server)
      .post('/api/environments/environments')
      .send(input('ours'));
    await request(server)
      .post('/api/environments/environments')
      .send(input('theirs', 'platform'));
    const summary = await request(server).get('/api/environments/cost/summary');
    expect(summary.status).toBe(200);
    expect(summary.body.rows.map((r: any) => r.key)).toEqual(['ours']);
    const series = await request(server).get('/api/environments/cost/series');
    expect(series.body.series.map((s: any) => s.key)).toEqual(['ours']);
    const csv = await request(server).get('/api/environments/cost/export.csv');
    expect(csv.text).not.toContain('theirs');
  });
});
