import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import { DEFAULT_PRICE_RATES } from '@greenroom/plugin-environments-common';
import { DatabaseEnvironmentsStore } from '../storage/DatabaseEnvironmentsStore';
import type { NewEnvironment } from '../storage/types';
import { SecretBox } from '../secrets/SecretBox';
import { CostRollup } from './CostRollup';
import { CostService } from './CostService';
import { ClusterCostSource } from './sources/ClusterCostSource';
import { OpenCostDouble } from './sources/__testUtils__/OpenCostDouble';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
const secrets = new SecretBox('a-test-key-that-is-long-enough-for-aes');
const at = (day: number, hour = 0) => new Date(Date.UTC(2026, 0, day, hour));
const ALL = { allow: 'all' } as const;

function environment(name: string, runtime: string): NewEnvironment {
  return {
    name,
    title: name,
    system: 'system:default/shop',
    owner: 'group:default/team-shop',
    mode: 'development',
    runtime: { type: runtime },
    services: [],
    variables: [],
    policy: { priority: 50 },
    desiredState: 'running',
    status: 'running',
    origin: { type: 'manual' },
    attention: [],
    createdBy: 'user:default/guest',
  };
}

describe('cost from a cluster cost source (OpenCost)', () => {
  let double: OpenCostDouble;
  beforeEach(async () => {
    double = await OpenCostDouble.start();
  });
  afterEach(() => double.stop());

  it.each(databases.eachSupportedId())(
    "reports the namespace's allocated cost for Kubernetes environments and the estimate for others on %p",
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await DatabaseEnvironmentsStore.forTest(knex, secrets);
      const ids: Record<string, string> = {};
      for (const [name, runtime] of [
        ['dev-kube', 'kubernetes'],
        ['dev-local', 'local'],
      ]) {
        const { environment: created } = await store.createEnvironment(
          environment(name, runtime),
          {
            type: 'create',
            steps: ['apply'],
            requestedBy: 'user:default/guest',
          },
        );
        ids[name] = created.id;
        await store.openServiceInterval(
          {
            environmentId: created.id,
            serviceName: 'web',
            state: 'running',
            cpuCores: 1,
            memoryGb: 2,
            storageGb: 5,
          },
          at(4, 0),
        );
      }
      // The kubernetes runtime's observation names the namespace.
      await knex('environment_observations').insert({
        environment_id: ids['dev-kube'],
        observed_at: at(4, 1).getTime(),
        next_observe_at: at(4, 2).getTime(),
        drift: '[]',
        entity_annotations: JSON.stringify({
          'backstage.io/kubernetes-namespace': 'gr-dev-kube',
        }),
      });
      const cluster = {
        '2026-01-05': { cpuCost: 0.5, ramCost: 0.25, pvCost: 0.125 },
        '2026-01-06': {
          cpuCost: 0.75,
          ramCost: 0.25,
          pvCost: 0.125,
          loadBalancerCost: 0.6,
        },
        '2026-01-07': { cpuCost: 1, ramCost: 0.5, pvCost: 0.125 },
      };
      for (const [day, cost] of Object.entries(cluster)) {
        double.days.set(day, {
          'gr-dev-kube': cost,
          'kube-system': { cpuCost: 9, ramCost: 9, pvCost: 0 },
        });
      }

      const now = at(8, 12);
      const logger = mockServices.logger.mock();
      const rollup = new CostRollup(knex, store);
      const service = (clusterCost?: ClusterCostSource) =>
        new CostService({
          store,
          rates: DEFAULT_PRICE_RATES,
          rollup,
          clusterCost,
          logger,
          now: () => now,
        });
      const opencost = service(
        new ClusterCostSource({
          type: 'opencost',
          baseUrl: double.baseUrl,
          timeoutMs: 2000,
          maxResponseBytes: 1_000_000,
        }),
      );
      const estimateOnly = service();
      const query = {
        groupBy: 'environment' as const,
        from: '2026-01-05',
        to: '2026-01-08',
      };
      const estimate = await estimateOnly.summary(ALL, query);
      const estimateOf = (name: string) =>
        estimate.rows.find(r => r.key === name)!;

      // OpenCost is down for the first rollup: the days keep the estimate,
      // and the cluster is asked once, not once per day.
      double.mode = 'error';
      await opencost.rollUp();
      expect(double.requests).toHaveLength(1);
      expect(logger.warn).toHaveBeenCalledTimes(1);
      const fallback = await opencost.summary(ALL, query);
      expect(fallback.sourceFallbackDays).toEqual([
        '2026-01-05',
        '2026-01-06',
        '2026-01-07',
      ]);
      expect(fallback.source).toBe('estimate');
      expect(fallback.totals.total).toBeCloseTo(estimate.totals.total, 9);
      expect(logger.warn).toHaveBeenCalledWith(
        expect.stringContaining(
          "Could not read the cluster's cost of 2025-11-29",
        ),
        expect.objectContaining({
          error: expect.stringContaining('answered HTTP 500'),
        }),
      );

      // The next rollup reads the days again, now that OpenCost answers.
      double.mode = 'answer';
      double.requests.length = 0;
      const again = await opencost.rollUp();
      expect(again).toEqual(
        expect.arrayContaining(['2026-01-05', '2026-01-07']),
      );
      expect(double.requests).toContain(
        '/allocation/compute?window=2026-01-06T00%3A00%3A00Z%2C2026-01-07T00%3A00%3A00Z&aggregate=namespace&accumulate=true',
      );
      await expect(opencost.rollUp()).resolves.toEqual([]);

      const report = await opencost.summary(ALL, query);
      const kube = report.rows.find(r => r.key === 'dev-kube')!;
      const local = report.rows.find(r => r.key === 'dev-local')!;
      const allocated = Object.values(cluster).reduce(
        (sum, cost) => sum + OpenCostDouble.totalOf(cost),
        0,
      );
      expect(kube.total).toBeCloseTo(allocated, 9);
      expect(kube.storage).toBeCloseTo(0.375, 9);
      expect(kube.compute).toBeCloseTo(allocated - 0.375, 9);
      expect(kube.source).toBe('opencost');
      expect(local.total).toBeCloseTo(estimateOf('dev-local').total, 9);
      expect(local.source).toBe('estimate');
      expect(report.source).toBe('estimate+opencost');
      expect(report.sourceFallbackDays).toEqual([]);
      // The CSV export says where each row comes from, as the summary.
      const csv = await opencost.csv(ALL, query);
      expect(
        csv.body
          .split('\r\n')
          .slice(1, -1)
          .map(line => [line.split(',')[0], line.split(',').pop()]),
      ).toEqual([
        ['dev-kube', 'opencost'],
        ['dev-local', 'estimate'],
      ]);
      // A report of other environments does not speak of the cluster.
      const localOnly = await opencost.summary(ALL, {
        ...query,
        filter: { environment: 'dev-local' },
      });
      expect(localOnly.source).toBe('estimate');
      const byOwner = await opencost.summary(ALL, {
        ...query,
        groupBy: 'owner',
      });
      expect(byOwner.rows.map(r => [r.key, r.source])).toEqual([
        ['group:default/team-shop', 'estimate+opencost'],
      ]);
      expect(report.totals.total).toBeCloseTo(
        allocated + estimateOf('dev-local').total,
        9,
      );
      // A day the cluster does not know the namespace (Jan 4) keeps the estimate.
      const stored = await knex('cost_daily')
        .where({ environment_id: ids['dev-kube'] })
        .orderBy('day')
        .select('day', 'source');
      expect(stored.map(r => [r.day, r.source])).toEqual([
        ['2026-01-04', 'estimate'],
        ['2026-01-05', 'opencost'],
        ['2026-01-06', 'opencost'],
        ['2026-01-07', 'opencost'],
      ]);

      // Hours after the last rolled-up day are estimated, and say so.
      const withToday = await opencost.summary(ALL, {
        ...query,
        to: '2026-01-08T12:00:00Z',
      });
      expect(withToday.rows.find(r => r.key === 'dev-kube')!.source).toBe(
        'estimate+opencost',
      );
      // The breakdown reports what the summary does, hours after the
      // rolled-up days included.
      const kubeToday = withToday.rows.find(r => r.key === 'dev-kube')!;
      const breakdownToday = await opencost.breakdown(
        { id: ids['dev-kube'], name: 'dev-kube', policy: { priority: 50 } },
        { ...query, to: '2026-01-08T12:00:00Z' },
      );
      expect(breakdownToday.reported?.source).toBe('estimate+opencost');
      expect(breakdownToday.reported?.total).toBeCloseTo(kubeToday.total, 9);
      expect(breakdownToday.reported!.total).toBeGreaterThan(allocated);

      // The daily series shows the same figures as the report, day by day.
      const series = await opencost.series(ALL, {
        ...query,
        granularity: 'day',
      });
      expect(series.days).toEqual(['2026-01-05', '2026-01-06', '2026-01-07']);
      const kubeSeries = series.series.find(s => s.key === 'dev-kube')!;
      Object.values(cluster).forEach((cost, i) =>
        expect(kubeSeries.totals[i]).toBeCloseTo(
          OpenCostDouble.totalOf(cost),
          9,
        ),
      );
      expect(series.series.find(s => s.key === 'dev-local')!.total).toBeCloseTo(
        estimateOf('dev-local').total,
        9,
      );

      // The breakdown lists the intervals' estimate and says what the
      // reports show instead, and from where.
      const breakdown = await opencost.breakdown(
        { id: ids['dev-kube'], name: 'dev-kube', policy: { priority: 50 } },
        query,
      );
      expect(breakdown.totals.total).toBeCloseTo(
        estimateOf('dev-kube').total,
        9,
      );
      expect(breakdown.source).toBe('opencost');
      expect(breakdown.reported?.source).toBe('opencost');
      expect(breakdown.reported?.total).toBeCloseTo(allocated, 9);
      const localBreakdown = await opencost.breakdown(
        { id: ids['dev-local'], name: 'dev-local', policy: { priority: 50 } },
        query,
      );
      expect(localBreakdown.source).toBe('estimate');
      expect(localBreakdown.reported).toBeUndefined();

      // Without the cluster source, those days are the estimate again.
      const back = await estimateOnly.summary(ALL, query);
      expect(back.totals.total).toBeCloseTo(estimate.totals.total, 9);
      expect(back.source).toBe('estimate');
    },
  );
});
