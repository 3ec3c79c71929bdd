import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { TestDatabases } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { DEFAULT_PRICE_RATES } from '@greenroom/plugin-environments-common';
import type { Knex } from 'knex';
import { readEnvironmentsConfig } from '../config';
import { CostLedgerStore } from '../storage/CostLedgerStore';
import { CostRollup } from './CostRollup';

jest.setTimeout(120_000);

const migrationsDir = resolvePackagePath(
  '@greenroom/plugin-environments-backend',
  'migrations',
);
const ENVIRONMENTS = 40_000;
const DAYS = ['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04'];

/** A query knex sent, with the transaction it ran in. */
interface Sent {
  sql: string;
  bindings: readonly Knex.RawBinding[];
  tx?: string;
}

/**
 * Records the queries knex sends (PostgreSQL's $1, $2, ... back to knex's
 * placeholders) until `stop` is called.
 */
function recordQueries(knex: Knex): { sent: Sent[]; stop(): void } {
  const sent: Sent[] = [];
  const record = (query: {
    sql: string;
    bindings?: readonly Knex.RawBinding[];
    __knexTxId?: string;
  }) =>
    sent.push({
      sql: query.sql.replace(/\$\d+/g, '?'),
      bindings: query.bindings ?? [],
      tx: query.__knexTxId,
    });
  knex.on('query', record);
  return { sent, stop: () => knex.off('query', record) };
}

/** The plan of a query as sent, after the setup sent in its transaction. */
async function plan(knex: Knex, sent: Sent, setup: Sent[]) {
  const rows = await knex.transaction(async tx => {
    for (const query of setup) await tx.raw(query.sql, query.bindings);
    return (
      await tx.raw(`EXPLAIN (ANALYZE, BUFFERS) ${sent.sql}`, sent.bindings)
    ).rows;
  });
  return rows.map((r: { 'QUERY PLAN': string }) => r['QUERY PLAN']).join('\n');
}

/**
 * The month report's sums group every environment: at PostgreSQL's default
 * `work_mem` (4 MB) their hash table spills to disk from some 25,000
 * environments on, and the report grows faster than linearly (bench
 * --curve). The rollup sets its own for that query's transaction.
 */
describe('the cost report sums in memory on PostgreSQL', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15'] });

  it('groups 40,000 environments without Disk Usage', async () => {
    if (!databases.eachSupportedId().some(([id]) => id === 'POSTGRES_15')) {
      return;
    }
    const knex = await databases.init('POSTGRES_15');
    await knex.migrate.latest({ directory: migrationsDir });
    // 160,000 daily rows in a second, rather than through the rollup.
    await knex.raw(
      `INSERT INTO cost_daily (day, environment_id, total, compute, storage,
         database, idle, idle_hours, savings, source)
       SELECT d, 'env-' || lpad(e::text, 32, '0'), random(), random(),
         random(), random(), random(), random(), random(),
         CASE WHEN e % 10 = 0 THEN 'opencost' ELSE 'estimate' END
       FROM unnest(?::text[]) d, generate_series(1, ?) e`,
      [DAYS, ENVIRONMENTS],
    );
    await knex.raw('ANALYZE cost_daily');

    const { sent, stop } = recordQueries(knex);
    await new CostRollup(knex, {
      listIntervalsBetween: async () => [],
      listActivityBetween: async () => [],
    }).amounts(DAYS, DEFAULT_PRICE_RATES);
    stop();

    const sums = sent.find(q => /group by "environment_id"/.test(q.sql));
    const setting = sent.find(q => /set_config\('work_mem'/.test(q.sql));
    expect(sums?.tx).toBeDefined();
    expect(setting).toMatchObject({ tx: sums!.tx, bindings: ['64MB'] });

    // The control: at the default, the same query spills (else this test
    // proves nothing at this size).
    expect(await plan(knex, sums!, [])).toMatch(/Disk Usage|external merge/);
    const inMemory = await plan(knex, sums!, [setting!]);
    expect(inMemory).not.toMatch(/Disk Usage|external merge|Disk:/);
    expect(inMemory).toMatch(/HashAggregate/);
  });
});

describe("today's ledger sums in memory on PostgreSQL", () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15'] });

  it("groups 10,000 environments' open intervals without spilling to disk", async () => {
    if (!databases.eachSupportedId().some(([id]) => id === 'POSTGRES_15')) {
      return;
    }
    const knex = await databases.init('POSTGRES_15');
    await knex.migrate.latest({ directory: migrationsDir });
    const midnight = Date.parse('2026-11-02T00:00:00Z');
    // A running day at 10,000 environments: 10 services each, open since
    // before midnight, after 4 days of history that the sums leave out.
    await knex.raw(
      `INSERT INTO service_intervals (environment_id, service_name, state,
         started_at, ended_at, cpu_cores, memory_gb, storage_gb)
       SELECT 'env-' || lpad(e::text, 32, '0'), 'service-' || s, 'running',
         ?::bigint - d * 86400000, ?::bigint - d * 86400000 + 3600000,
         0.5, 1, 10
       FROM generate_series(1, 10000) e, generate_series(1, 10) s,
         generate_series(1, 4) d`,
      [midnight, midnight],
    );
    await knex.raw(
      `INSERT INTO service_intervals (environment_id, service_name, state,
         started_at, ended_at, cpu_cores, memory_gb, storage_gb)
       SELECT 'env-' || lpad(e::text, 32, '0'), 'service-' || s, 'running',
         ?::bigint - e * 1000, NULL, 0.5, 1, 10
       FROM generate_series(1, 10000) e, generate_series(1, 10) s`,
      [midnight],
    );
    await knex.raw('ANALYZE service_intervals');

    const { sent, stop } = recordQueries(knex);
    const intervals = await new CostLedgerStore(knex).sumCostIntervalsBetween(
      new Date(midnight),
      new Date(midnight + 10.5 * 3_600_000),
    );
    stop();
    // One interval per environment, reserving its 10 services' sum.
    expect(intervals).toHaveLength(10_000);
    expect(intervals[0]).toMatchObject({ cpuCores: 5, memoryGb: 10 });

    const sums = sent.find(q => /from "service_intervals"/.test(q.sql));
    const setting = sent.find(q => /set_config\('work_mem'/.test(q.sql));
    expect(sums?.tx).toBeDefined();
    expect(setting).toMatchObject({ tx: sums!.tx, bindings: ['64MB'] });

    // The control: at the default the same query sorts on disk.
    expect(await plan(knex, sums!, [])).toMatch(/Disk Usage|external merge/);
    const inMemory = await plan(knex, sums!, [setting!]);
    expect(inMemory).not.toMatch(/Disk Usage|external merge|Disk:/);
  });
});

describe('environments.cost.reportWorkMemMb', () => {
  const read = (cost?: object) =>
    readEnvironmentsConfig(
      new ConfigReader({
        environments: {
          secretsKey: 'test-secrets-key-that-is-long-enough',
          ...(cost ? { cost } : {}),
        },
      }),
    ).costReportWorkMemMb;

  it('is 64 MB unless configured, a whole number of MB', () => {
    expect(read()).toBe(64);
    expect(read({ reportWorkMemMb: 256 })).toBe(256);
    expect(() => read({ reportWorkMemMb: 0 })).toThrow(/reportWorkMemMb/);
    expect(() => read({ reportWorkMemMb: 1.5 })).toThrow(/reportWorkMemMb/);
  });
});
