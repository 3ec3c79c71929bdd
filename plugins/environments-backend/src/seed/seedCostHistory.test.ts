import { TestDatabases } from '@backstage/backend-test-utils';
import { DEFAULT_PRICE_RATES } from '@greenroom/plugin-environments-common';
import { CostService } from '../cost/CostService';
import { DatabaseEnvironmentsStore } from '../storage/DatabaseEnvironmentsStore';
import type { NewEnvironment, StoredEnvironment } from '../storage/types';
import { SecretBox } from '../secrets/SecretBox';
import { seedCostHistory } from './seedCostHistory';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
const now = new Date('2026-11-23T12:30:00Z'); // a Monday

function environment(
  name: string,
  mode: NewEnvironment['mode'],
): NewEnvironment {
  return {
    name,
    title: name,
    system: 'system:default/shop',
    owner: 'group:default/team-shop',
    mode,
    runtime: { type: 'local' },
    services: [
      {
        name: 'web',
        kind: 'application',
        ports: [],
        resources: { cpu: '1', memory: '2Gi' },
        replicas: 1,
        customDomains: [],
        variables: [],
      },
    ],
    variables: [],
    policy: { idleAfter: '2h', priority: 50 },
    desiredState: 'running',
    status: 'running',
    origin: { type: 'seed' },
    attention: [],
    createdBy: 'user:default/guest',
  };
}

describe('seedCostHistory', () => {
  it.each(databases.eachSupportedId())(
    'gives the demo a month of cost: always-on production, idle-stopped development, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await DatabaseEnvironmentsStore.forTest(
        knex,
        new SecretBox('a-test-key-that-is-long-enough-for-aes'),
      );
      const created: StoredEnvironment[] = [];
      for (const [name, mode] of [
        ['production', 'production'],
        ['dev-ada', 'development'],
      ] as const) {
        const { environment: stored } = await store.createEnvironment(
          environment(name, mode),
          {
            type: 'create',
            steps: ['apply'],
            requestedBy: 'user:default/guest',
          },
        );
        created.push(stored);
      }
      await seedCostHistory({ store, environments: created, days: 30, now });

      // Nothing of the history is still open or later than an hour ago.
      const intervals = await store.listIntervalsBetween(
        new Date(now.getTime() - 31 * 86_400_000),
        now,
      );
      expect(intervals.every(i => i.endedAt !== undefined)).toBe(true);
      expect(Math.max(...intervals.map(i => Date.parse(i.endedAt!)))).toBe(
        now.getTime() - 3_600_000,
      );
      // Development stopped by the idle policy on working days only.
      const devStops = intervals.filter(
        i => i.environmentId === created[1].id && i.state === 'stopped',
      );
      expect(devStops.length).toBeGreaterThanOrEqual(20);
      expect(devStops.every(i => i.reason === 'auto-stop')).toBe(true);

      const cost = new CostService({
        store,
        rates: DEFAULT_PRICE_RATES,
        now: () => now,
      });
      const summary = await cost.summary(
        { allow: 'all' },
        { groupBy: 'environment', from: '2026-10-24', to: '2026-11-23' },
      );
      const row = (key: string) => summary.rows.find(r => r.key === key)!;
      // production: 30 days × 24 h × (1 core × CPU + 2 GB × memory)
      const hourly =
        DEFAULT_PRICE_RATES.cpuCoreHour + 2 * DEFAULT_PRICE_RATES.memoryGbHour;
      expect(row('production').total).toBeCloseTo(30 * 24 * hourly, 6);
      expect(row('production').savings).toBe(0);
      // Used every hour: production never sat idle.
      expect(row('production').idle).toBe(0);
      expect(row('dev-ada').total).toBeGreaterThan(0);
      expect(row('dev-ada').total).toBeLessThan(row('production').total / 2);
      expect(row('dev-ada').savings).toBeGreaterThan(row('dev-ada').total);
    },
  );
});
