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
  monthIntervals: number;
  totals: { rollup: number; ledger: number };
}

export async function runCostBench(db: Knex): Promise<CostResult> {
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

  // what a report has to read at least: plain knex, no mapping, no math
  const ledgerFloorQuery = () =>
    db('service_intervals')
      .where('started_at', '<', to)
      .where(q => q.whereNull('ended_at').orWhere('ended_at', '>', from))
      .orderBy(['started_at', 'id']);
  const rollupFloorQuery = async () => {
    await db('environments').select('*');
    const days = Array.from({ length: 31 }, (_, i) =>
      new Date(from + i * 86_400_000).toISOString().slice(0, 10),
    );
    await db('cost_daily')
      .whereIn('day', days)
      .groupBy('environment_id')
      .select('environment_id')
      .sum({ total: 'total' });
  };
  const monthIntervals = (await ledgerFloorQuery()).length;

  progress(
    `4: month report (${monthIntervals} ledger intervals overlap it): rollup, ledger-only and both floors × 3, interleaved`,
  );
  const result: CostResult = {
    rollUpMs: rollUp.ms,
    rolledDays: rollUp.result.length,
    withRollup: [],
    ledgerOnly: [],
    ledgerFloor: [],
    rollupFloor: [],
    monthIntervals,
    totals: { rollup: 0, ledger: 0 },
  };
  for (let i = 0; i < 3; i++) {
    const r = await timed(() => withRollup.summary({ allow: 'all' }, query));
    result.withRollup.push(r.ms);
    result.totals.rollup = r.result.totals.total;
    result.rollupFloor.push(...(await repeat(1, rollupFloorQuery)));
    result.ledgerFloor.push(...(await repeat(1, ledgerFloorQuery)));
    const l = await timed(() => ledgerOnly.summary({ allow: 'all' }, query));
    result.ledgerOnly.push(l.ms);
    result.totals.ledger = l.result.totals.total;
    progress(
      `4:   ledger-only ${(l.ms / 1000).toFixed(2)} s, rollup ${r.ms.toFixed(
        0,
      )} ms`,
    );
  }
  progress(
    `4: median rollup ${median(result.withRollup).toFixed(
      0,
    )} ms, ledger-only ${median(result.ledgerOnly).toFixed(
      0,
    )} ms; totals ${result.totals.rollup.toFixed(
      2,
    )} vs ${result.totals.ledger.toFixed(2)}`,
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
  floor: number[];
  notifications: number;
  operationsQueued: number;
}

export async function runSweepBench(db: Knex): Promise<SweepResult> {
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
  const floorQuery = () => db('environments').select('*');
  const floor = await repeat(3, floorQuery);
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
  const first = await timed(() => sweep.sweep());
  progress(
    `3: first sweep ${(first.ms / 1000).toFixed(2)} s, ${
      first.result.actions.length
    } actions`,
  );
  floor.push(...(await repeat(2, floorQuery)));
  progress('3: second sweep right after (steady state: nothing new to do)');
  const second = await timed(() => sweep.sweep());
  progress(
    `3: second sweep ${(second.ms / 1000).toFixed(2)} s, ${
      second.result.actions.length
    } actions`,
  );
  const [{ after }] = await db('operations').count({ after: '*' });
  return {
    first: summarize(first.result, first.ms),
    second: summarize(second.result, second.ms),
    floor,
    notifications,
    operationsQueued: Number(after) - Number(before),
  };
}
