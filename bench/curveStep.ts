// One measurement of the curve, run in a process of its own (bench/curve.ts
// starts it as `run.js --curve-step <step> --size N`), so that its peak
// memory (process.resourceUsage().maxRSS) is that measurement's alone.
// Prints one `CURVE_RESULT {json}` line on stdout.
import { DEFAULT_PRICE_RATES } from '@greenroom/plugin-environments-common';
import { CostRollup } from '../plugins/environments-backend/src/cost/CostRollup';
import { CostService } from '../plugins/environments-backend/src/cost/CostService';
import { DatabaseEnvironmentsStore } from '../plugins/environments-backend/src/storage/DatabaseEnvironmentsStore';
import { SecretBox } from '../plugins/environments-backend/src/secrets/SecretBox';
import { MONTH, NOW, SECRETS_KEY, seed, type FixtureStats } from './fixture';
import type { Knex } from 'knex';
import { pgClient, progress, timed } from './lib';
import {
  explain,
  profile,
  recordQueries,
  type ExplainedQuery,
} from './curveQueries';
import { DB_PREFIX, runListBench, variants } from './listBench';
import { runCostBench, runSweepBench } from './storeBenches';

export const CURVE_STEPS = [
  'seed',
  'list',
  'cost',
  'cost-wired',
  'sweep',
] as const;
export type CurveStep = (typeof CURVE_STEPS)[number];
export const CURVE_DB = `${DB_PREFIX}environments`;
export const RESULT_PREFIX = 'CURVE_RESULT ';
/**
 * Above this size the cost step only fills the daily rollup (as runCostBench
 * does first) and skips runCostBench's ledger-only report: its process peaked
 * at 1.6 GiB at 10,000 environments and would need ~16 GiB at 100,000 on a
 * shared 23 GiB machine. The wired report (cost-wired) is measured at every size.
 */
export const LEDGER_REPORT_MAX = 10000;

export interface StepOutput {
  step: CurveStep;
  size: number;
  wallMs: number;
  /** process.resourceUsage().maxRSS at the end, in KiB: the peak of the process. */
  maxRssKb: number;
  /** RSS once the modules were loaded, before the measurement, in KiB. */
  startRssKb: number;
  result: any;
}

/** Our list query string to the store's arguments, as the route reads them. */
function storeArgs(query: string) {
  const q = Object.fromEntries(new URLSearchParams(query));
  return {
    filter: {
      system: q.system,
      owner: q.owner,
      component: q.component,
      mode: q.mode as any,
      status: q.status as any,
      q: q.q,
    },
    access: { allow: 'all' as const },
    sort: (q.sort ?? 'name') as any,
    limit: Number(q.limit ?? 50),
    offset: Number(q.offset ?? 0),
  };
}

/**
 * Indexes that are not in the plugin's migrations, tried only inside a
 * transaction that is rolled back: how the page queries would run with them.
 */
export const PROBE_INDEXES = [
  'CREATE INDEX curve_probe_name_c ON environments (name COLLATE "C")',
  'CREATE INDEX curve_probe_status_activity ON environments (status, last_activity_at, name COLLATE "C")',
];

/** Runs each list variant through the store once and EXPLAIN ANALYZEs every query it sent. */
async function explainList(size: number) {
  const db = pgClient(CURVE_DB, { min: 0, max: 1 });
  try {
    const store = await DatabaseEnvironmentsStore.forTest(
      db,
      new SecretBox(SECRETS_KEY),
    );
    const out: Array<{
      name: string;
      queries: ExplainedQuery[];
      withProbeIndexes?: ExplainedQuery;
    }> = [];
    const pages: Array<{ sql: string; bindings: unknown[] } | undefined> = [];
    for (const [name, ours] of variants(size)) {
      const recording = recordQueries(db);
      await store.listEnvironments(storeArgs(ours));
      const explained: ExplainedQuery[] = [];
      // in the order sent: count, page, then services and variables of the page
      const sent = recording.stop().sort((a, b) => a.order - b.order);
      for (const q of sent) {
        const e = await explain(db, q.sql, q.bindings);
        if (e) explained.push(e);
      }
      pages.push(sent.find(q => /^select \* from "environments"/.test(q.sql)));
      out.push({ name, queries: explained });
    }
    // the same page queries with the probe indexes, then rolled back
    const rollback = new Error('rollback');
    try {
      await db.transaction(async tx => {
        for (const ddl of PROBE_INDEXES) await tx.raw(ddl);
        for (const [i, page] of pages.entries()) {
          if (page)
            out[i].withProbeIndexes = await explain(
              tx,
              page.sql,
              page.bindings,
            );
        }
        throw rollback;
      });
    } catch (error) {
      if (error !== rollback) throw error;
    }
    return out;
  } finally {
    await db.destroy();
  }
}

/** The cost service as the plugin wires it (with the daily rollup). */
async function wiredCostService(db: Knex) {
  const store = await DatabaseEnvironmentsStore.forTest(
    db,
    new SecretBox(SECRETS_KEY),
    { now: () => NOW },
  );
  return new CostService({
    store,
    rates: {
      ...DEFAULT_PRICE_RATES,
      managedDatabaseHourly: {
        ...DEFAULT_PRICE_RATES.managedDatabaseHourly,
      },
    },
    rollup: new CostRollup(db, store),
    now: () => NOW,
  });
}

/** Fills the daily rollup only (what runCostBench does before its reports). */
async function rollUpOnly(db: Knex) {
  const service = await wiredCostService(db);
  progress(
    '4: daily rollup of the last 40 days only (no ledger-only report at this size)',
  );
  const r = await timed(() => service.rollUp());
  progress(
    `4: rolled up ${r.result.length} days in ${(r.ms / 1000).toFixed(1)} s`,
  );
  return {
    rollUpMs: r.ms,
    rolledDays: r.result.length,
    ledgerReportSkipped: true,
  };
}

/** The month report as the plugin wires it (with the daily rollup), alone. */
async function wiredCostReport() {
  const db = pgClient(CURVE_DB);
  try {
    const service = await wiredCostService(db);
    const samples: number[] = [];
    let total = 0;
    let recording: ReturnType<typeof recordQueries> | undefined;
    for (let i = 0; i < 3; i++) {
      // the last run's queries, to tell where its time goes
      if (i === 2) recording = recordQueries(db);
      const r = await timed(() =>
        service.summary(
          { allow: 'all' },
          { groupBy: 'environment', from: MONTH.from, to: MONTH.to },
        ),
      );
      samples.push(r.ms);
      total = r.result.totals.total;
    }
    return { samples, total, profile: await profile(db, recording!.stop()) };
  } finally {
    await db.destroy();
  }
}

export async function runCurveStep(
  step: CurveStep,
  size: number,
  fixture?: FixtureStats,
): Promise<StepOutput> {
  const startRssKb = Math.round(process.memoryUsage().rss / 1024);
  const t0 = performance.now();
  let result: unknown;
  if (step === 'list') {
    const list = await runListBench({
      environments: size,
      rounds: 25,
      fixture: fixture!,
      catalog: false,
    });
    progress(`curve ${size}: EXPLAIN ANALYZE of each variant's queries`);
    result = {
      perVariant: list.perVariant.map(v => ({
        name: v.name,
        ours: v.ours,
        total: v.oursTotal,
      })),
      ours: list.ours,
      explain: await explainList(size),
    };
  } else if (step === 'cost-wired') {
    result = await wiredCostReport();
  } else {
    const db = pgClient(CURVE_DB);
    try {
      if (step === 'seed') {
        result = await seed(db, size, { ledger: true });
      } else {
        // where the time goes: every query of the step, grouped (floors too)
        const recording = recordQueries(db);
        let r: object;
        if (step === 'sweep') r = await runSweepBench(db);
        else if (size > LEDGER_REPORT_MAX) r = await rollUpOnly(db);
        else r = await runCostBench(db);
        result = { ...r, profile: await profile(db, recording.stop()) };
      }
    } finally {
      await db.destroy();
    }
  }
  return {
    step,
    size,
    wallMs: performance.now() - t0,
    maxRssKb: process.resourceUsage().maxRSS,
    startRssKb,
    result,
  };
}
