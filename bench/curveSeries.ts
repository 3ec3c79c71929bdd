// The figures of a curve run, per measurement and size: what CURVE.md
// tabulates and curve.svg draws.
import { median, percentile } from './lib';
import type { CurveRun } from './curve';
import type { StepOutput } from './curveStep';

export interface Series {
  name: string;
  /** Expected growth with the number of environments. */
  expect: 'constant' | 'linear';
  /** ms by size (NaN where not measured). */
  ms: number[];
}

export function stepOf(run: CurveRun, step: string, size: number) {
  return run.steps.find(s => s.step === step && s.size === size) as
    | StepOutput
    | undefined;
}

export function timeSeries(run: CurveRun): Series[] {
  const at = (step: string, pick: (r: any) => number) =>
    run.sizes.map(size => {
      const s = stepOf(run, step, size);
      return s ? pick(s.result) : NaN;
    });
  return [
    {
      name: 'List API p50 (8 variants, 50 rows)',
      expect: 'constant',
      ms: at('list', r => median(r.ours)),
    },
    {
      name: 'List API p95',
      expect: 'constant',
      ms: at('list', r => percentile(r.ours, 95)),
    },
    {
      name: 'Policy sweep, first run',
      expect: 'linear',
      ms: at('sweep', r => r.first.ms),
    },
    {
      name: 'Policy sweep, steady state',
      expect: 'linear',
      ms: at('sweep', r => r.second.ms),
    },
    {
      name: 'Month cost report (with daily rollup)',
      expect: 'linear',
      ms: at('cost-wired', r => median(r.samples)),
    },
  ];
}

/** Floors (plain SQL at the same sizes, to tell query growth from our own) and related figures. */
export function floorSeries(run: CurveRun): Series[] {
  const at = (step: string, pick: (r: any) => number) =>
    run.sizes.map(size => {
      const s = stepOf(run, step, size);
      return s ? pick(s.result) : NaN;
    });
  return [
    {
      name: 'floor: SELECT * FROM environments',
      expect: 'linear',
      ms: at('sweep', r => median(r.floor)),
    },
    {
      name: 'floor: environments + SUM(cost_daily) of the month',
      expect: 'linear',
      ms: at('cost', r => (r.rollupFloor ? median(r.rollupFloor) : NaN)),
    },
    {
      name: 'Month cost report (with rollup), inside runCostBench',
      expect: 'linear',
      ms: at('cost', r => (r.withRollup ? median(r.withRollup) : NaN)),
    },
    {
      name: 'Month cost report, ledger only (no rollup), inside runCostBench',
      expect: 'linear',
      ms: at('cost', r => (r.ledgerOnly ? median(r.ledgerOnly) : NaN)),
    },
    {
      name: "Daily rollup fill, 40 days (the hourly task's backfill)",
      expect: 'linear',
      ms: at('cost', r => r.rollUpMs),
    },
  ];
}

export const MEMORY_STEPS: Array<[string, string]> = [
  ['list', 'list API (backend + HTTP client)'],
  ['sweep', 'policy sweep (first + steady)'],
  ['cost-wired', 'month cost report (rollup) alone'],
  ['cost', 'cost bench (rollup fill + reports; rollup fill only above 10,000)'],
  ['seed', 'seeding'],
];

/** Peak RSS (MiB) by size of one step's process. */
export function memorySeries(run: CurveRun, step: string): number[] {
  return run.sizes.map(size => {
    const s = stepOf(run, step, size);
    return s ? s.maxRssKb / 1024 : NaN;
  });
}

/** Growth factor between consecutive sizes, normalised to a 10× step in size. */
export function growthPer10x(values: number[], sizes: number[]): number[] {
  return values.slice(1).map((v, i) => {
    const decades = Math.log10(sizes[i + 1] / sizes[i]);
    return (v / values[i]) ** (1 / decades);
  });
}
