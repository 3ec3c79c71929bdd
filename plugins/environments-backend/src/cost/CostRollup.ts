import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  type CostAmounts,
  type CostEnvironment,
  type NamespaceAllocation,
  type PriceRates,
  addCostAmounts,
  allocatedCostAmounts,
  summarizeCost,
} from '@greenroom/plugin-environments-common';
import { DEFAULT_REPORT_WORK_MEM_MB, withWorkMem } from '../storage/knexUtils';
import type { EnvironmentsStore } from '../storage/types';
import type { ClusterCostSource } from './sources/ClusterCostSource';

const DAY_MS = 24 * 60 * 60 * 1000;
/** How far back the rollup fills missing days. */
const BACKFILL_DAYS = 40;

/** `2026-11-23` for the UTC day that contains `at`. */
export function utcDay(at: Date | number): string {
  return new Date(at).toISOString().slice(0, 10);
}

/** Identifies rates, so days rolled up with other rates are not reused. */
export function ratesKey(rates: PriceRates): string {
  const sorted = {
    ...rates,
    managedDatabaseHourly: Object.fromEntries(
      Object.entries(rates.managedDatabaseHourly).sort(([a], [b]) =>
        a.localeCompare(b),
      ),
    ),
  };
  return createHash('sha256').update(JSON.stringify(sorted)).digest('hex');
}

/** Where the figures come from besides the rates. */
export interface CostSources {
  /** The name of the rates' source: `estimate` (configured rates) unless said otherwise. */
  ratesSource?: string;
  /** A cluster's own cost per namespace, for Kubernetes environments. */
  cluster?: Pick<ClusterCostSource, 'type' | 'key' | 'namespaceCosts'>;
}

/** The rates source of figures computed from rates alone. */
export const ESTIMATE_SOURCE = 'estimate';

/**
 * Identifies rates and sources, so days rolled up otherwise are not reused.
 * Configured rates alone keep the key they always had.
 */
export function rollupKey(
  rates: PriceRates,
  sources: CostSources = {},
): string {
  const ratesSource = sources.ratesSource ?? ESTIMATE_SOURCE;
  if (!sources.cluster && ratesSource === ESTIMATE_SOURCE) {
    return ratesKey(rates);
  }
  return createHash('sha256')
    .update(
      JSON.stringify([ratesKey(rates), ratesSource, sources.cluster?.key]),
    )
    .digest('hex');
}

/**
 * `estimate` and `opencost` → `estimate+opencost`: the sources of a figure
 * in one stable order. Plain string compares in the usual case of one
 * source, as reports merge one per environment.
 */
export function mergeSources(a: string | undefined, b: string): string {
  if (a === undefined || a === b) return b;
  return [...new Set([...a.split('+'), ...b.split('+')])].sort().join('+');
}

/** The annotation the kubernetes runtime reports with the environment's namespace. */
const NAMESPACE_ANNOTATION = 'backstage.io/kubernetes-namespace';

/** One environment's sums over days of `cost_daily`, for one source. */
type DailySums = { environment_id: string; source: string } & CostAmounts;

const AMOUNT_NAMES = [
  'total',
  'compute',
  'storage',
  'database',
  'idle',
  'idleHours',
  'savings',
] as const;

/** Sums a driver handed back as text, as numbers. */
function toNumbers(row: CostAmounts): void {
  for (const name of AMOUNT_NAMES) row[name] = Number(row[name]);
}

/** What the rollup holds of some days. */
export interface RolledUpAmounts {
  /** The days rolled up with these rates and sources. */
  days: Set<string>;
  /** Per environment id, summed over those days. */
  amounts: Map<string, CostAmounts>;
  /** Per environment id, the sources its days were computed from (`estimate+opencost`). */
  sources: Map<string, string>;
  /** Days whose cluster cost source failed: they hold the estimate. */
  fallbackDays: string[];
}

export { DEFAULT_REPORT_WORK_MEM_MB };

export interface CostRollupOptions {
  /** See {@link DEFAULT_REPORT_WORK_MEM_MB}. */
  reportWorkMemMb?: number;
}

/**
 * The daily cost rollup: per complete UTC day and environment, what the
 * ledger cost. Days add up exactly to longer windows (a tested property of
 * the cost math), so reports read complete days from here and compute only
 * the partial ends from the ledger.
 */
export class CostRollup {
  readonly #db: Knex;
  readonly #store: Pick<
    EnvironmentsStore,
    'listIntervalsBetween' | 'listActivityBetween'
  >;
  readonly #reportWorkMemMb: number;

  constructor(
    db: Knex,
    store: Pick<
      EnvironmentsStore,
      'listIntervalsBetween' | 'listActivityBetween'
    >,
    options: CostRollupOptions = {},
  ) {
    this.#db = db;
    this.#store = store;
    this.#reportWorkMemMb =
      options.reportWorkMemMb ?? DEFAULT_REPORT_WORK_MEM_MB;
  }

  /**
   * Rolls up every complete day of the last weeks that is missing, was
   * rolled up with other rates or sources, or whose cluster cost source
   * failed. Returns the days written.
   */
  async rollUp(options: {
    environments: CostEnvironment[];
    rates: PriceRates;
    now: Date;
    /** Idle lookback: the longest idleAfter in use. */
    lookbackMs: number;
    sources?: CostSources;
    logger?: LoggerService;
  }): Promise<string[]> {
    const key = rollupKey(options.rates, options.sources);
    const today = Date.parse(`${utcDay(options.now)}T00:00:00Z`);
    const wanted = Array.from({ length: BACKFILL_DAYS }, (_, i) =>
      utcDay(today - (i + 1) * DAY_MS),
    );
    const done = new Set(
      (
        await this.#db('cost_daily_days')
          .whereIn('day', wanted)
          .where({ rates_key: key })
          .whereNull('source_error')
          .select('day')
      ).map(row => row.day as string),
    );
    const todo = wanted.filter(d => !done.has(d)).reverse();
    const namespaces =
      options.sources?.cluster && todo.length > 0
        ? await this.#namespaces(options.environments)
        : new Map<string, string>();
    // After one failure the cluster is not asked again in this run: 40
    // days of timeouts would outlast the task's timeout.
    const run: { clusterError?: string } = {};
    const written: string[] = [];
    for (const day of todo) {
      await this.#rollUpDay(day, key, { ...options, namespaces, run });
      written.push(day);
    }
    return written;
  }

  /**
   * Per-environment amounts of the given days (of one environment when
   * given), for those rolled up with these rates; days missing from the
   * result must be computed live.
   */
  async amounts(
    days: string[],
    rates: PriceRates,
    sources: CostSources = {},
    environmentId?: string,
  ): Promise<RolledUpAmounts> {
    const amounts = new Map<string, CostAmounts>();
    const sourcesById = new Map<string, string>();
    if (days.length === 0) {
      return {
        days: new Set(),
        amounts,
        sources: sourcesById,
        fallbackDays: [],
      };
    }
    // The sums are asked for every day beside the lookup of those rolled
    // up with these rates, instead of after it; asked again only when some
    // day is not (new rates, a day not rolled up yet).
    const key = rollupKey(rates, sources);
    const sumsOf = (sumDays: string[]): Promise<DailySums[]> =>
      this.#inMemory(environmentId === undefined, db =>
        db('cost_daily')
          .whereIn('day', sumDays)
          .modify(query => {
            if (environmentId !== undefined) {
              query.where('environment_id', environmentId);
            }
          })
          .groupBy('environment_id', 'source')
          .select('environment_id', 'source')
          .sum({
            total: 'total',
            compute: 'compute',
            storage: 'storage',
            database: 'database',
            idle: 'idle',
            idleHours: 'idle_hours',
            savings: 'savings',
          }),
      );
    const [dayRows, sumsOfAll] = await Promise.all([
      this.#rolledDays(days, key),
      sumsOf(days),
    ]);
    const rolled = new Set<string>();
    const fallbackDays: string[] = [];
    for (const row of dayRows) {
      rolled.add(row.day);
      if (row.source_error !== null) fallbackDays.push(row.day);
    }
    fallbackDays.sort();
    let rows: DailySums[] = [];
    if (rolled.size === days.length) rows = sumsOfAll;
    else if (rolled.size > 0) rows = await sumsOf([...rolled]);
    // Sums of double columns are numbers on PostgreSQL and SQLite: each
    // row serves as its environment's amounts (read only by their names).
    const numbers = rows.length === 0 || typeof rows[0].total === 'number';
    for (const row of rows) {
      if (!numbers) toNumbers(row);
      const sum = amounts.get(row.environment_id);
      if (sum) {
        addCostAmounts(sum, row);
        sourcesById.set(
          row.environment_id,
          mergeSources(sourcesById.get(row.environment_id), row.source),
        );
      } else {
        amounts.set(row.environment_id, row);
        sourcesById.set(row.environment_id, row.source);
      }
    }
    return { days: rolled, amounts, sources: sourcesById, fallbackDays };
  }

  /**
   * Runs a query that groups every environment on PostgreSQL with the
   * report's `work_mem`, set for its transaction alone, so that its hash
   * table stays in memory (linear) instead of spilling to disk in batches
   * and an external sort; elsewhere, and for one environment, as it is.
   */
  async #inMemory<T>(
    everyEnvironment: boolean,
    query: (db: Knex) => Promise<T>,
  ): Promise<T> {
    if (!everyEnvironment) return query(this.#db);
    return withWorkMem(this.#db, this.#reportWorkMemMb, query);
  }

  /**
   * Each environment's total per day of the given days, for those rolled up
   * with these rates and sources (the per-day series); days missing from
   * the result must be computed live.
   */
  async dailyTotals(
    days: string[],
    rates: PriceRates,
    sources: CostSources = {},
  ): Promise<{
    days: Set<string>;
    totals: Array<{ day: string; environmentId: string; total: number }>;
  }> {
    if (days.length === 0) return { days: new Set(), totals: [] };
    // The rows of every day are asked beside the lookup of those rolled up
    // with these rates, in the shape of the result (no mapping row by row);
    // asked again only when some day is not.
    const key = rollupKey(rates, sources);
    const totalsOf = (totalDays: string[]) =>
      this.#db('cost_daily')
        .whereIn('day', totalDays)
        .select('day', 'environment_id as environmentId', 'total') as Promise<
        Array<{ day: string; environmentId: string; total: number }>
      >;
    const [dayRows, totalsOfAll] = await Promise.all([
      this.#rolledDays(days, key),
      totalsOf(days),
    ]);
    const rolled = new Set<string>();
    for (const row of dayRows) rolled.add(row.day);
    if (rolled.size === 0) return { days: rolled, totals: [] };
    const totals =
      rolled.size === days.length ? totalsOfAll : await totalsOf([...rolled]);
    // A double column is a number from PostgreSQL and SQLite; should a
    // driver hand back text, convert it here, once.
    if (totals.length > 0 && typeof totals[0].total !== 'number') {
      for (const row of totals) row.total = Number(row.total);
    }
    return { days: rolled, totals };
  }

  /** Those of the days rolled up with these rates and sources, with the cluster source's error if it failed. */
  async #rolledDays(
    days: string[],
    key: string,
  ): Promise<Array<{ day: string; source_error: string | null }>> {
    return this.#db('cost_daily_days')
      .whereIn('day', days)
      .where({ rates_key: key })
      .select('day', 'source_error');
  }

  /** Each environment's namespace, as its last observation reported it. */
  async #namespaces(
    environments: CostEnvironment[],
  ): Promise<Map<string, string>> {
    const namespaces = new Map<string, string>();
    const ids = environments.map(e => e.id);
    // Chunked so the list stays under the bound-parameter limits.
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await this.#db('environment_observations')
        .whereIn('environment_id', ids.slice(i, i + 500))
        .select('environment_id', 'entity_annotations');
      for (const row of rows) {
        const namespace = JSON.parse(row.entity_annotations ?? '{}')[
          NAMESPACE_ANNOTATION
        ];
        if (typeof namespace === 'string') {
          namespaces.set(row.environment_id, namespace);
        }
      }
    }
    return namespaces;
  }

  /** The cluster's cost per namespace of the day, or the error that kept the estimate. */
  async #clusterCosts(
    day: string,
    from: Date,
    to: Date,
    options: {
      sources?: CostSources;
      logger?: LoggerService;
      run: { clusterError?: string };
    },
  ): Promise<{
    costs?: Map<string, NamespaceAllocation>;
    error?: string;
  }> {
    const cluster = options.sources?.cluster;
    if (!cluster) return {};
    if (options.run.clusterError) return { error: options.run.clusterError };
    try {
      return { costs: await cluster.namespaceCosts(from, to) };
    } catch (error) {
      const message = `${cluster.type}: ${(error as Error).message}`;
      options.logger?.warn(
        `Could not read the cluster's cost of ${day}; this and the following days keep the estimate until the next rollup reads them`,
        { day, error: message },
      );
      options.run.clusterError = message;
      return { error: message };
    }
  }

  async #rollUpDay(
    day: string,
    key: string,
    options: {
      environments: CostEnvironment[];
      rates: PriceRates;
      lookbackMs: number;
      sources?: CostSources;
      logger?: LoggerService;
      /** Environment id → Kubernetes namespace. */
      namespaces: Map<string, string>;
      run: { clusterError?: string };
    },
  ) {
    const from = new Date(`${day}T00:00:00Z`);
    const to = new Date(from.getTime() + DAY_MS);
    const [intervals, activity, cluster] = await Promise.all([
      this.#store.listIntervalsBetween(from, to),
      this.#store.listActivityBetween(
        new Date(from.getTime() - options.lookbackMs),
        to,
      ),
      this.#clusterCosts(day, from, to, options),
    ]);
    const summary = summarizeCost({
      environments: options.environments,
      intervals,
      activity,
      rates: options.rates,
      from,
      to,
      groupBy: 'environment',
    });
    const idByName = new Map(options.environments.map(e => [e.name, e.id]));
    const ratesSource = options.sources?.ratesSource ?? ESTIMATE_SOURCE;
    const rows = summary.rows
      .map(row => {
        const id = idByName.get(row.key)!;
        const namespace = options.namespaces.get(id);
        const allocation =
          namespace === undefined ? undefined : cluster.costs?.get(namespace);
        // The cluster's own cost replaces the estimate of its namespace.
        const amounts = allocation
          ? allocatedCostAmounts(row, allocation)
          : row;
        return {
          day,
          environment_id: id,
          source: allocation ? options.sources!.cluster!.type : ratesSource,
          total: amounts.total,
          compute: amounts.compute,
          storage: amounts.storage,
          database: amounts.database,
          idle: amounts.idle,
          idle_hours: amounts.idleHours,
          savings: amounts.savings,
        };
      })
      .filter(row => row.total > 0 || row.savings > 0);
    await this.#db.transaction(async tx => {
      await tx('cost_daily').where({ day }).delete();
      for (let i = 0; i < rows.length; i += 500) {
        await tx('cost_daily').insert(rows.slice(i, i + 500));
      }
      await tx('cost_daily_days')
        .insert({
          day,
          rates_key: key,
          computed_at: Date.now(),
          source_error: cluster.error ?? null,
        })
        .onConflict('day')
        .merge(['rates_key', 'computed_at', 'source_error']);
    });
  }
}
