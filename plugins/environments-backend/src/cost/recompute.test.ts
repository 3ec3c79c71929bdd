import {
  TestDatabaseId,
  TestDatabases,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import request from 'supertest';
import { DatabaseEnvironmentsStore } from '../storage/DatabaseEnvironmentsStore';
import { environmentsPlugin } from '../plugin';
import { SecretBox } from '../secrets/SecretBox';
import { waitForEnvironmentStatus } from '../__testUtils__/waitForEnvironment';

// Recomputes a month with OpenCost's allocation formula straight from the
// ledger's rows, on purpose without the plugin's cost math: if both agree,
// the figures on the cost pages can be checked by anyone with the rows.

jest.setTimeout(90_000);

const SECRETS_KEY = 'test-secrets-key-that-is-long-enough';
const HOUR_MS = 3_600_000;
const MONTH = { from: Date.UTC(2026, 9, 1), to: Date.UTC(2026, 10, 1) };
// OpenCost's price inputs: CPU core-hour, RAM GB-hour, PV GB-hour, plus the
// managed database classes' hourly list prices.
const PRICES = {
  currency: 'USD',
  cpuCoreHour: 0.031611,
  memoryGbHour: 0.004237,
  storageGbHour: 0.0000548,
  managedDatabaseHourly: { 'db.t4g.medium': 0.065 },
};

interface LedgerRow {
  environment_id: string;
  state: string;
  started_at: number | string;
  ended_at: number | string | null;
  cpu_cores: number;
  memory_gb: number;
  storage_gb: number;
  instance_class: string | null;
}

/** Σ cpuCoreHours × cpuPrice + ramGBHours × ramPrice + pvGBHours × pvPrice (+ DB class hours × its price). */
function openCostOfMonth(rows: LedgerRow[], environmentId: string): number {
  let cost = 0;
  for (const row of rows.filter(r => r.environment_id === environmentId)) {
    const start = Math.max(Number(row.started_at), MONTH.from);
    const end = Math.min(
      row.ended_at === null ? MONTH.to : Number(row.ended_at),
      MONTH.to,
    );
    const hours = Math.max(0, end - start) / HOUR_MS;
    const running = row.state === 'running' ? 1 : 0;
    const cpuCoreHours = running * hours * row.cpu_cores;
    const ramGbHours = running * hours * row.memory_gb;
    const pvGbHours = hours * row.storage_gb;
    const dbHourly = row.instance_class
      ? (PRICES.managedDatabaseHourly as Record<string, number>)[
          row.instance_class
        ]
      : 0;
    cost +=
      cpuCoreHours * PRICES.cpuCoreHour +
      ramGbHours * PRICES.memoryGbHour +
      pvGbHours * PRICES.storageGbHour +
      running * hours * dbHourly;
  }
  return cost;
}

const environmentInput = (name: string) => ({
  name,
  system: 'shop',
  owner: 'team-shop',
  mode: 'development',
  services: [
    {
      name: 'web',
      kind: 'application',
      image: { repository: 'ghcr.io/example/web', tag: '1.0.0' },
      ports: [{ port: 8080 }],
    },
  ],
});

describe('recomputing a month of cost with OpenCost’s formula', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  it.each(databases.eachSupportedId())(
    'agrees with /cost/summary and the breakdown within 0.1%% on %p',
    async (databaseId: TestDatabaseId) => {
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
                prices: PRICES,
              },
            },
          }),
        ],
      });
      const ids: Record<string, string> = {};
      for (const name of ['rc-stops', 'rc-scaled', 'rc-partial']) {
        const created = await request(server)
          .post('/api/environments/environments')
          .send(environmentInput(name));
        expect(created.status).toBe(202);
        ids[name] = created.body.environment.id;
        // The create's apply closes the environment's open intervals when
        // it runs: let it finish before writing a ledger of our own.
        await waitForEnvironmentStatus(server, name, 'running');
      }
      const store = await DatabaseEnvironmentsStore.forTest(
        knex,
        new SecretBox(SECRETS_KEY),
      );
      const at = (iso: string) => new Date(iso);
      const open = (
        environment: string,
        serviceName: string,
        iso: string,
        reserved: {
          state: 'running' | 'stopped';
          cpuCores: number;
          memoryGb: number;
          storageGb: number;
          instanceClass?: string;
          reason?: string;
        },
      ) =>
        store.openServiceInterval(
          { environmentId: ids[environment], serviceName, ...reserved },
          at(iso),
        );
      const close = (environment: string, serviceName: string, iso: string) =>
        store.closeServiceIntervals(ids[environment], at(iso), serviceName);

      // rc-stops: started in September; auto-stopped and started again
      // mid-day, still running at the month's end; a managed database too.
      const app = { cpuCores: 2, memoryGb: 4, storageGb: 10 };
      const db = {
        cpuCores: 0,
        memoryGb: 0,
        storageGb: 50,
        instanceClass: 'db.t4g.medium',
      };
      for (const [service, reserved] of [
        ['h-app', app],
        ['h-db', db],
      ] as const) {
        await open('rc-stops', service, '2026-09-28T08:00:00Z', {
          state: 'running',
          ...reserved,
        });
        await open('rc-stops', service, '2026-10-03T09:30:00Z', {
          state: 'stopped',
          reason: 'auto-stop',
          ...reserved,
        });
        await open('rc-stops', service, '2026-10-05T14:15:00Z', {
          state: 'running',
          ...reserved,
        });
        await close('rc-stops', service, '2026-11-04T00:00:00Z');
      }
      // rc-scaled: scaled up, then down, at odd minutes.
      await open('rc-scaled', 'h-api', '2026-10-02T00:00:00Z', {
        state: 'running',
        cpuCores: 0.5,
        memoryGb: 0.5,
        storageGb: 1,
      });
      await open('rc-scaled', 'h-api', '2026-10-10T12:20:00Z', {
        state: 'running',
        cpuCores: 4,
        memoryGb: 8,
        storageGb: 20,
      });
      await open('rc-scaled', 'h-api', '2026-10-20T17:47:13Z', {
        state: 'running',
        cpuCores: 1,
        memoryGb: 2,
        storageGb: 20,
      });
      await close('rc-scaled', 'h-api', '2026-10-31T23:59:00Z');
      // rc-partial: lived two and a half days, starting at 06:45.
      await open('rc-partial', 'h-web', '2026-10-15T06:45:00Z', {
        state: 'running',
        cpuCores: 1.5,
        memoryGb: 3,
        storageGb: 5,
      });
      await open('rc-partial', 'h-web', '2026-10-16T22:10:00Z', {
        state: 'stopped',
        cpuCores: 1.5,
        memoryGb: 3,
        storageGb: 5,
      });
      await close('rc-partial', 'h-web', '2026-10-17T18:05:00Z');

      const rows: LedgerRow[] = await knex('service_intervals').select();
      const window = 'from=2026-10-01&to=2026-11-01';
      const summary = await request(server).get(
        `/api/environments/cost/summary?groupBy=environment&${window}`,
      );
      expect(summary.status).toBe(200);
      let recomputedTotal = 0;
      for (const name of Object.keys(ids)) {
        const recomputed = openCostOfMonth(rows, ids[name]);
        recomputedTotal += recomputed;
        expect(recomputed).toBeGreaterThan(1);
        const reported = summary.body.rows.find((r: any) => r.key === name);
        expect(Math.abs(reported.total - recomputed) / recomputed).toBeLessThan(
          0.001,
        );
        const breakdown = await request(server).get(
          `/api/environments/environments/${name}/cost/breakdown?${window}`,
        );
        expect(breakdown.status).toBe(200);
        expect(
          Math.abs(breakdown.body.totals.total - recomputed) / recomputed,
        ).toBeLessThan(0.001);
        // Each listed interval is clipped to the month.
        for (const interval of breakdown.body.intervals) {
          expect(Date.parse(interval.startedAt)).toBeGreaterThanOrEqual(
            MONTH.from,
          );
          expect(Date.parse(interval.endedAt)).toBeLessThanOrEqual(MONTH.to);
        }
      }
      expect(
        Math.abs(summary.body.totals.total - recomputedTotal) / recomputedTotal,
      ).toBeLessThan(0.001);
    },
  );
});
