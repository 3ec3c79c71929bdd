// Benchmarks 3 and 4: the policy sweep and the month cost report, run
// in-process on the seeded PostgreSQL database through the plugin's own
// classes (as plugin.ts wires them), beside plain knex queries.
import { ConfigReader } from '@backstage/config';
import type { LoggerService } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { DEFAULT_PRICE_RATES } from '@greenroom/plugin-environments-common';
import { readEnvironmentsConfig } from '../plugins/environments-backend/src/config';
import { CostRollup } from '../plugins/environments-backend/src/cost/CostRollup';
import { CostService } from '../plugins/environments-backend/src/cost/CostService';
import { DatabaseEnvironmentsStore } from '../plugins/environments-backend/src/storage/DatabaseEnvironmentsStore';
import { withChangeEvents } from '../plugins/environments-backend/src/events/publishingStore';
import { PolicyStore } from '../plugins/environments-backend/src/policies/PolicyStore';
import { PolicySweep } from '../plugins/environments-backend/src/policies/PolicySweep';
import { LocalRuntime } from '../plugins/environments-backend/src/runtimes/LocalRuntime';
import { RuntimeRegistry } from '../plugins/environments-backend/src/runtimes/RuntimeRegistry';
import { SecretBox } from '../plugins/environments-backend/src/secrets/SecretBox';
import { EnvironmentCommands } from '../plugins/environments-backend/src/service/EnvironmentCommands';
import { MONTH, NOW, SECRETS_KEY } from './fixture';
import { median, progress, timed } from './lib';
import { saveAndPrint, startProfiler } from './profile';

export const quietLogger: LoggerService = {
  info() {},
  warn() {},
  error() {},
  debug() {},
  child() {
    return quietLogger;
  },
};

async function repeat(
  times: number,
  fn: () => Promise<unknown>,
): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < times; i++) samples.push((await timed(fn)).ms);
  return samples;
}

export interface CostResult {
  rollUpMs: number;
  rolledDays: number;
  withRollup: number[];
  ledgerOnly: number[];
  ledgerFloor: number[];
  rollupFloor: number[];
  /** `CostService.series` of the month by team, and its floor. */
  series: number[];
  seriesFloor: number[];
  /** `CostService.csv` of the month by environment (floor: rollupFloor). */
  csv: number[];
  monthIntervals: number;
  /** Lines of the CSV, header included. */
  csvLines: number;
  totals: { rollup: number; ledger: number; series: number };
}

/** The columns a cost report reads of environments (the store's COST_COLUMNS). */
const COST_ENVIRONMENT_COLUMNS = [
  'id',
  'name',
  'owner',
  'system',
  'mode',
  'policy',
];
/** The ledger columns the cost math reads. */
const COST_INTERVAL_COLUMNS = [
  'environment_id',
  'service_name',
  'state',
  'started_at',
  'ended_at',
  'cpu_cores',
  'memory_gb',
  'storage_gb',
  'instance_class',
  'reason',
];

export async function runCostBench(
  db: Knex,
  options: { profileDir?: string } = {},
): Promise<CostResult> {
  const store = await DatabaseEnvironmentsStore.forTest(
    db,
    new SecretBox(SECRETS_KEY),
    { now: () => NOW },
  );
  const now = () => NOW;
  const rates = {
    ...DEFAULT_PRICE_RATES,
    managedDatabaseHourly: { ...DEFAULT_PRICE_RATES.managedDatabaseHourly },
  };
  const withRollup = new CostService({
    store,
    rates,
    rollup: new CostRollup(db, store),
    now,
  });
  const ledgerOnly = new CostService({ store, rates, now });
  const query = {
    groupBy: 'environment' as const,
    from: MONTH.from,
    to: MONTH.to,
  };
  const from = Date.parse(MONTH.from);
  const to = Date.parse(MONTH.to);

  progress(
    '4: daily rollup of the last 40 days (what the hourly task does once per day)',
  );
  const rollUp = await timed(() => withRollup.rollUp());
  progress(
    `4: rolled up ${rollUp.result.length} days in ${(rollUp.ms / 1000).toFixed(
      1,
    )} s`,
  );

  // What each report has to read at least: the same rows and columns in
  // plain knex (queries run concurrently where the report's do), with no
  // mapping and no math.
  const environmentsQuery = () =>
    db('environments').select(COST_ENVIRONMENT_COLUMNS).orderBy('name');
  const ledgerQuery = () =>
    db('service_intervals')
      .select(COST_INTERVAL_COLUMNS)
      .where('started_at', '<', to)
      .where(q => q.whereNull('ended_at').orWhere('ended_at', '>', from))
      .orderBy(['started_at', 'id']);
  const days = Array.from({ length: 31 }, (_, i) =>
    new Date(from + i * 86_400_000).toISOString().slice(0, 10),
  );
  const ledgerFloorQuery = async () => {
    await environmentsQuery();
    // activity since the longest idleAfter (the default 2 h) before the month
    await Promise.all([
      ledgerQuery(),
      db('activity')
        .select('environment_id', 'at')
        .where('at', '>=', from - 2 * 3_600_000)
        .where('at', '<', to)
        .orderBy(['at', 'id']),
    ]);
  };
  const rollupFloorQuery = async () => {
    await Promise.all([
      environmentsQuery(),
      (async () => {
        await db('cost_daily_days').whereIn('day', days).select('day');
        await db('cost_daily')
          .whereIn('day', days)
          .groupBy('environment_id')
          .select('environment_id')
          .sum({
            total: 'total',
            compute: 'compute',
            storage: 'storage',
            database: 'database',
            idle: 'idle',
            idleHours: 'idle_hours',
            savings: 'savings',
          });
      })(),
    ]);
  };
  // The series reads the rolled-up days' totals per environment and day.
  const seriesFloorQuery = () =>
    Promise.all([
      environmentsQuery(),
      (async () => {
        await db('cost_daily_days').whereIn('day', days).select('day');
        await db('cost_daily')
          .whereIn('day', days)
          .select('day', 'environment_id', 'total');
      })(),
    ]);
  const monthIntervals = (await ledgerQuery()).length;
  const seriesQuery = { ...query, groupBy: 'owner' as const };

  progress(
    `4: month report (${monthIntervals} ledger intervals overlap it): rollup, ledger-only, series, CSV and their floors × 3, interleaved`,
  );
  const result: CostResult = {
    rollUpMs: rollUp.ms,
    rolledDays: rollUp.result.length,
    withRollup: [],
    ledgerOnly: [],
    ledgerFloor: [],
    rollupFloor: [],
    series: [],
    seriesFloor: [],
    csv: [],
    monthIntervals,
    csvLines: 0,
    totals: { rollup: 0, ledger: 0, series: 0 },
  };
  for (let i = 0; i < 3; i++) {
    const r = await timed(() => withRollup.summary({ allow: 'all' }, query));
    result.withRollup.push(r.ms);
    result.totals.rollup = r.result.totals.total;
    result.rollupFloor.push(...(await repeat(1, rollupFloorQuery)));
    const c = await profiled(options.profileDir, `csv-${i + 1}`, () =>
      timed(() => withRollup.csv({ allow: 'all' }, query)),
    );
    result.csv.push(c.ms);
    result.csvLines = c.result.body.trimEnd().split('\n').length;
    result.ledgerFloor.push(...(await repeat(1, ledgerFloorQuery)));
    const l = await timed(() => ledgerOnly.summary({ allow: 'all' }, query));
    result.ledgerOnly.push(l.ms);
    result.totals.ledger = l.result.totals.total;
    result.seriesFloor.push(...(await repeat(1, seriesFloorQuery)));
    const s = await timed(() =>
      withRollup.series(
        { allow: 'all' },
        { ...seriesQuery, granularity: 'day' },
      ),
    );
    result.series.push(s.ms);
    result.totals.series = s.result.series.reduce((sum, g) => sum + g.total, 0);
    progress(
      `4:   ledger-only ${(l.ms / 1000).toFixed(2)} s, rollup ${r.ms.toFixed(
        0,
      )} ms, csv ${c.ms.toFixed(0)} ms, series ${s.ms.toFixed(0)} ms`,
    );
  }
  progress(
    `4: median rollup ${median(result.withRollup).toFixed(
      0,
    )} ms (floor ${median(result.rollupFloor).toFixed(
      0,
    )}), ledger-only ${median(result.ledgerOnly).toFixed(0)} ms (floor ${median(
      result.ledgerFloor,
    ).toFixed(0)}), csv ${median(result.csv).toFixed(0)} ms, series ${median(
      result.series,
    ).toFixed(0)} ms (floor ${median(result.seriesFloor).toFixed(
      0,
    )}); totals ${result.totals.rollup.toFixed(
      2,
    )} vs ${result.totals.ledger.toFixed(
      2,
    )} (series ${result.totals.series.toFixed(2)}), ${
      result.csvLines
    } CSV lines`,
  );
  return result;
}

export interface SweepResult {
  first: {
    ms: number;
    checked: number;
    actions: Record<string, number>;
    done: number;
  };
  second: {
    ms: number;
    checked: number;
    actions: Record<string, number>;
    done: number;
  };
  /** The plain SELECTs of what a sweep reads (see sweepFloorQuery). */
  floor: number[];
  /** `SELECT * FROM environments`, the floor of earlier runs. */
  selectAllFloor: number[];
  /** Database queries each sweep sent. */
  queries: { first: number; second: number };
  notifications: number;
  operationsQueued: number;
}

/** Counts the queries `fn` sends through `db`. */
async function countingQueries<T>(
  db: Knex,
  fn: () => Promise<T>,
): Promise<{ result: T; ms: number; queries: number }> {
  let queries = 0;
  const count = () => void queries++;
  db.on('query', count);
  try {
    const { result, ms } = await timed(fn);
    return { result, ms, queries };
  } finally {
    db.removeListener('query', count);
  }
}

/** Runs `fn`, recording a CPU profile of it into `profileDir` when given. */
async function profiled<T>(
  profileDir: string | undefined,
  name: string,
  fn: () => Promise<T>,
): Promise<T> {
  if (!profileDir) return fn();
  const stop = await startProfiler();
  try {
    return await fn();
  } finally {
    saveAndPrint(profileDir, name, await stop());
  }
}

export async function runSweepBench(
  db: Knex,
  options: { profileDir?: string } = {},
): Promise<SweepResult> {
  const now = () => NOW;
  const config = readEnvironmentsConfig(
    new ConfigReader({ environments: { secretsKey: SECRETS_KEY } }),
  );
  // as plugin.ts wires it: the store publishes change events (here to nowhere)
  const store = withChangeEvents(
    await DatabaseEnvironmentsStore.forTest(db, new SecretBox(SECRETS_KEY), {
      now,
    }),
    async () => {},
    quietLogger,
  );
  const runtimes = new RuntimeRegistry();
  runtimes.add(new LocalRuntime({ logger: quietLogger }));
  const service = new EnvironmentCommands({
    store,
    runtimes,
    config,
    wake: () => {},
    now,
  });
  let notifications = 0;
  const sweep = new PolicySweep({
    store,
    policyStore: new PolicyStore(db),
    service,
    notifications: { send: async () => void notifications++ } as any,
    logger: quietLogger,
    defaults: config.policyDefaults,
    idleWarningLeadMs: config.policySweep.idleWarningLeadMs,
    expiryWarningMs: config.policySweep.expiryWarningMs,
    now,
  });
  const [{ before }] = await db('operations').count({ before: '*' });
  // What a sweep has to read at least, in plain knex: the decision's
  // columns of every environment, then (concurrently, as the sweep does)
  // the notices sent, the operations queued or running, and the lifecycle
  // operations (all of them: the sweep asks the database for the latest).
  const sweepFloorQuery = async () => {
    await db('environments').select(
      'id',
      'name',
      'owner',
      'mode',
      'status',
      'desired_state',
      'policy',
      'expires_at',
      'last_activity_at',
      'revision',
    );
    await Promise.all([
      db('policy_notices').select(
        'environment_id',
        'kind',
        'period_key',
        'sent_at',
      ),
      db('operations')
        .distinct('environment_id')
        .whereIn('status', ['queued', 'running']),
      db('operations')
        .select(
          'environment_id',
          'type',
          'requested_by',
          'idempotency_key',
          'created_at',
        )
        .whereIn('type', ['stop', 'start', 'create', 'clone']),
    ]);
  };
  const selectAllQuery = () => db('environments').select('*');
  const floor = await repeat(3, sweepFloorQuery);
  const selectAllFloor = await repeat(3, selectAllQuery);
  const summarize = (
    r: Awaited<ReturnType<PolicySweep['sweep']>>,
    ms: number,
  ) => {
    const actions: Record<string, number> = {};
    for (const a of r.actions) actions[a.action] = (actions[a.action] ?? 0) + 1;
    return {
      ms,
      checked: r.checked,
      actions,
      done: r.actions.filter(a => a.done).length,
    };
  };
  progress(
    '3: first policy sweep over all environments (acts: queues stops/starts/destroys, sends notices)',
  );
  const first = await profiled(options.profileDir, 'sweep-first', () =>
    countingQueries(db, () => sweep.sweep()),
  );
  progress(
    `3: first sweep ${(first.ms / 1000).toFixed(2)} s, ${
      first.result.actions.length
    } actions, ${first.queries} queries`,
  );
  floor.push(...(await repeat(2, sweepFloorQuery)));
  selectAllFloor.push(...(await repeat(2, selectAllQuery)));
  progress('3: second sweep right after (steady state: nothing new to do)');
  const second = await profiled(options.profileDir, 'sweep-second', () =>
    countingQueries(db, () => sweep.sweep()),
  );
  progress(
    `3: second sweep ${(second.ms / 1000).toFixed(2)} s, ${
      second.result.actions.length
    } actions, ${second.queries} queries`,
  );
  const [{ after }] = await db('operations').count({ after: '*' });
  return {
    first: summarize(first.result, first.ms),
    second: summarize(second.result, second.ms),
    floor,
    selectAllFloor,
    queries: { first: first.queries, second: second.queries },
    notifications,
    operationsQueued: Number(after) - Number(before),
  };
}
