import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import {
  type CostAmounts,
  type CostEnvironment,
  type PriceRates,
  summarizeCost,
} from '@greenroom/plugin-environments-common';
import type { EnvironmentsStore } from '../storage/types';

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

/** One environment's sums over days of `cost_daily`. */
type DailySums = { environment_id: string } & Record<
  keyof CostAmounts,
  number | string
>;

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

  constructor(
    db: Knex,
    store: Pick<
      EnvironmentsStore,
      'listIntervalsBetween' | 'listActivityBetween'
    >,
  ) {
    this.#db = db;
    this.#store = store;
  }

  /**
   * Rolls up every complete day of the last weeks that is missing or was
   * rolled up with other rates. Returns the days written.
   */
  async rollUp(options: {
    environments: CostEnvironment[];
    rates: PriceRates;
    now: Date;
    /** Idle lookback: the longest idleAfter in use. */
    lookbackMs: number;
  }): Promise<string[]> {
    const key = ratesKey(options.rates);
    const today = Date.parse(`${utcDay(options.now)}T00:00:00Z`);
    const wanted = Array.from({ length: BACKFILL_DAYS }, (_, i) =>
      utcDay(today - (i + 1) * DAY_MS),
    );
    const done = new Set(
      (
        await this.#db('cost_daily_days')
          .whereIn('day', wanted)
          .where({ rates_key: key })
          .select('day')
      ).map(row => row.day as string),
    );
    const written: string[] = [];
    for (const day of wanted.filter(d => !done.has(d)).reverse()) {
      await this.#rollUpDay(day, key, options);
      written.push(day);
    }
    return written;
  }

  /**
   * Per-environment amounts of the given days, for those rolled up with
   * these rates; days missing from the result must be computed live.
   */
  async amounts(
    days: string[],
    rates: PriceRates,
  ): Promise<{ days: Set<string>; amounts: Map<string, CostAmounts> }> {
    if (days.length === 0) return { days: new Set(), amounts: new Map() };
    const key = ratesKey(rates);
    const rolled = new Set<string>(
      (
        await this.#db('cost_daily_days')
          .whereIn('day', days)
          .where({ rates_key: key })
          .select('day')
      ).map(row => row.day),
    );
    const amounts = new Map<string, CostAmounts>();
    if (rolled.size > 0) {
      // Sums come back as strings on PostgreSQL, numbers on SQLite.
      const rows: DailySums[] = await this.#db('cost_daily')
        .whereIn('day', [...rolled])
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
      for (const row of rows) {
        amounts.set(row.environment_id, {
          total: Number(row.total),
          compute: Number(row.compute),
          storage: Number(row.storage),
          database: Number(row.database),
          idle: Number(row.idle),
          idleHours: Number(row.idleHours),
          savings: Number(row.savings),
        });
      }
    }
    return { days: rolled, amounts };
  }

  async #rollUpDay(
    day: string,
    key: string,
    options: {
      environments: CostEnvironment[];
      rates: PriceRates;
      lookbackMs: number;
    },
  ) {
    const from = new Date(`${day}T00:00:00Z`);
    const to = new Date(from.getTime() + DAY_MS);
    const [intervals, activity] = await Promise.all([
      this.#store.listIntervalsBetween(from, to),
      this.#store.listActivityBetween(
        new Date(from.getTime() - options.lookbackMs),
        to,
      ),
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
    const rows = summary.rows
      .filter(row => row.total > 0 || row.savings > 0)
      .map(row => ({
        day,
        environment_id: idByName.get(row.key)!,
        total: row.total,
        compute: row.compute,
        storage: row.storage,
        database: row.database,
        idle: row.idle,
        idle_hours: row.idleHours,
        savings: row.savings,
      }));
    await this.#db.transaction(async tx => {
      await tx('cost_daily').where({ day }).delete();
      for (let i = 0; i < rows.length; i += 500) {
        await tx('cost_daily').insert(rows.slice(i, i + 500));
      }
      await tx('cost_daily_days')
        .insert({ day, rates_key: key, computed_at: Date.now() })
        .onConflict('day')
        .merge(['rates_key', 'computed_at']);
    });
  }
}
