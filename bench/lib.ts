// Shared helpers of the benchmarks: progress output, timing, percentiles,
// the machine description and the PostgreSQL connection.
import os from 'node:os';
import { execFileSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import knexFactory, { Knex } from 'knex';

const started = performance.now();

/** Progress on stderr, with the seconds since the run started. */
export function progress(message: string) {
  const s = ((performance.now() - started) / 1000).toFixed(1).padStart(6);
  process.stderr.write(`[bench ${s}s] ${message}\n`);
}

/** Wall time of `fn` in milliseconds, with its result. */
export async function timed<T>(
  fn: () => Promise<T>,
): Promise<{ ms: number; result: T }> {
  const t0 = performance.now();
  const result = await fn();
  return { ms: performance.now() - t0, result };
}

/** Nearest-rank percentile (p in 0..100) of a list of samples. */
export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1];
}

export function median(samples: number[]): number {
  return percentile(samples, 50);
}

/** One row of the results table. */
export interface ResultRow {
  /** Benchmark number, 1..5: the row of bench/RESULTS.md. */
  id: string;
  what: string;
  ours: string;
  reference: string;
  ratio: string;
  /** Target and verdict, or `-` where the issue implies none. */
  target: string;
}

export const ms = (value: number) =>
  value >= 1000
    ? `${(value / 1000).toFixed(2)} s`
    : `${value.toFixed(value < 10 ? 2 : 1)} ms`;

export const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;

export function markdownTable(rows: ResultRow[]): string {
  const header: ResultRow = {
    id: '#',
    what: 'benchmark',
    ours: 'ours',
    reference: 'reference (same run)',
    ratio: 'ratio',
    target: 'target / verdict',
  };
  const cells = (r: ResultRow) => [
    r.id,
    r.what,
    r.ours,
    r.reference,
    r.ratio,
    r.target,
  ];
  const all = [header, ...rows].map(cells);
  const widths = all[0].map((_, i) => Math.max(...all.map(c => c[i].length)));
  const line = (c: string[]) =>
    `| ${c.map((x, i) => x.padEnd(widths[i])).join(' | ')} |`;
  return [
    line(all[0]),
    `| ${widths.map(w => '-'.repeat(w)).join(' | ')} |`,
    ...all.slice(1).map(line),
  ].join('\n');
}

/** Where and when the numbers were measured. */
export function machine(): Record<string, string> {
  const sh = (cmd: string, args: string[]) => {
    try {
      return execFileSync(cmd, args, { encoding: 'utf8' }).trim();
    } catch {
      return 'unknown';
    }
  };
  const cpus = os.cpus();
  const load = os
    .loadavg()
    .map(l => l.toFixed(2))
    .join(' ');
  return {
    date: new Date().toISOString(),
    uname: sh('uname', ['-a']),
    cpu: `${cpus[0]?.model ?? 'unknown'} × ${
      cpus.length
    } (os.availableParallelism ${os.availableParallelism()})`,
    memory: `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB total, ${(
      os.freemem() /
      2 ** 30
    ).toFixed(1)} GiB free at start`,
    node: process.version,
    git: (() => {
      const head = sh('git', ['rev-parse', '--short', 'HEAD']);
      const dirty = sh('git', ['status', '--porcelain'])
        .split('\n')
        .filter(Boolean).length;
      return `${head}${
        dirty
          ? ` + uncommitted changes in ${dirty} paths (others were editing the working tree)`
          : ''
      }`;
    })(),
    postgres: 'unknown',
    'load average at start (1/5/15 min)': load,
  };
}

/** The PostgreSQL server the benchmarks use (the throwaway cluster of greenroom.sh). */
export function postgresUrl(): string {
  const url =
    process.env.GREENROOM_BENCH_PG ??
    process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;
  if (!url) {
    throw new Error(
      'no PostgreSQL: run through `bash scripts/greenroom.sh bench` (it starts a throwaway cluster) or set GREENROOM_BENCH_PG',
    );
  }
  return url;
}

/** A knex client on one database of the benchmark server. */
export function pgClient(database: string, pool = { min: 0, max: 10 }): Knex {
  const url = new URL(postgresUrl());
  url.pathname = `/${database}`;
  return knexFactory({ client: 'pg', connection: url.toString(), pool });
}

/** Drops and creates a database, so that every run starts empty. */
export async function recreateDatabase(name: string) {
  const admin = pgClient('postgres', { min: 0, max: 1 });
  try {
    await admin.raw(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.raw(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.destroy();
  }
}

export async function postgresVersion(): Promise<string> {
  const admin = pgClient('postgres', { min: 0, max: 1 });
  try {
    const { rows } = await admin.raw('SHOW server_version');
    return `PostgreSQL ${rows[0].server_version} (throwaway cluster: fsync=off, synchronous_commit=off)`;
  } finally {
    await admin.destroy();
  }
}

/** A small deterministic PRNG (mulberry32), so that every run seeds the same data. */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(items: readonly T[]) => items[Math.floor(next() * items.length)],
    chance: (p: number) => next() < p,
  };
}
