import type { EnvironmentMode } from '../constants';
import { addCostAmounts } from './amounts';
import { addIntervalCosts } from './intervalCosts';
import { roundMoney } from './money';
import type { PriceRates } from './rates';
import { windowMillis } from './time';
import type { ActivityEvent, CostInterval } from './types';

/** What a cost report groups by. @public */
export type CostGroupBy = 'environment' | 'owner' | 'system' | 'mode';

/** @public */
export const COST_GROUP_BYS = [
  'environment',
  'owner',
  'system',
  'mode',
] as const satisfies readonly CostGroupBy[];

/** An environment as cost reports need it. @public */
export interface CostEnvironment {
  id: string;
  name: string;
  /** Owner entity ref, e.g. `group:default/team-a`. */
  owner: string;
  /** System entity ref or name. */
  system: string;
  mode: EnvironmentMode | string;
  /** Overrides the report's `idleAfter` for this environment (ms). */
  idleAfter?: number;
}

/** Default idle threshold for idle cost: 2 hours, as the non-production policy default. @public */
export const DEFAULT_IDLE_AFTER_MS = 2 * 60 * 60 * 1000;

/** @public */
export interface CostSummaryInput {
  /**
   * The environments to report on. Intervals and activity of environments not
   * listed are left out, so the list doubles as the reader's access filter.
   */
  environments: readonly CostEnvironment[];
  intervals: readonly CostInterval[];
  activity: readonly ActivityEvent[];
  rates: PriceRates;
  from: string | number | Date;
  to: string | number | Date;
  groupBy: CostGroupBy;
  /** Idle threshold in ms; defaults to {@link DEFAULT_IDLE_AFTER_MS}. */
  idleAfter?: number;
}

/**
 * One group of a cost report, full precision. `idle` is what running cost
 * while idle (part of `total`); `savings` is what auto-stops avoided (not
 * part of `total`).
 *
 * @public
 */
export interface CostRow {
  key: string;
  currency: string;
  total: number;
  compute: number;
  storage: number;
  database: number;
  idle: number;
  /**
   * Hours the environments of the row ran while idle (each environment's
   * idle time counted once, whatever its number of services).
   */
  idleHours: number;
  savings: number;
}

/** @public */
export interface CostSummary {
  groupBy: CostGroupBy;
  /** The window as ISO 8601 strings, `[from, to)`. */
  from: string;
  to: string;
  currency: string;
  /** The rates every figure was computed from. */
  rates: PriceRates;
  /** Sorted by total, highest first (ties by key). */
  rows: CostRow[];
  /** All rows added up; `key` is `'total'`. */
  totals: CostRow;
  /** Instance classes the rates have no price for (priced at 0). */
  unpricedInstanceClasses: string[];
}

/** The group key of an environment. @public */
export function costGroupKey(
  environment: CostEnvironment,
  groupBy: CostGroupBy,
): string {
  switch (groupBy) {
    case 'environment':
      return environment.name;
    case 'owner':
      return environment.owner;
    case 'system':
      return environment.system;
    case 'mode':
      return environment.mode;
    default:
      throw new RangeError(`Invalid groupBy ${JSON.stringify(groupBy)}`);
  }
}

/** A row of zeros (a literal: reports make one per environment). */
export function emptyRow(key: string, currency: string): CostRow {
  return {
    key,
    currency,
    total: 0,
    compute: 0,
    storage: 0,
    database: 0,
    idle: 0,
    idleHours: 0,
    savings: 0,
  };
}

function compareKeys(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/**
 * Sorts rows by total in cents, highest first, then by key. Cents, not the
 * full-precision total: sums that agree to the cent but differ in their last
 * bits (PostgreSQL adds a SUM's rows in no fixed order) must not change the
 * order of a report or an export between two runs.
 */
export function sortCostRows<T extends { key: string; total: number }>(
  rows: T[],
): T[] {
  // Each row's cents computed once and looked up by index, not by a Map per
  // comparison: a report sorts up to one row per environment.
  const cents = rows.map(row => roundMoney(row.total));
  const order = rows.map((_, index) => index);
  order.sort(
    (a, b) => cents[b] - cents[a] || compareKeys(rows[a].key, rows[b].key),
  );
  const sorted = order.map(index => rows[index]);
  sorted.forEach((row, index) => (rows[index] = row));
  return rows;
}

/**
 * Cost of the listed environments over `[from, to)` grouped by environment
 * (name), owner, system or mode. Production is priced like any other mode:
 * cost is not a policy.
 *
 * @public
 */
export function summarizeCost(input: CostSummaryInput): CostSummary {
  const { rates, groupBy } = input;
  const { from, to } = windowMillis(input);
  const rows = new Map<string, CostRow>();
  // Every listed environment gets a row, even without intervals.
  for (const environment of input.environments) {
    const key = costGroupKey(environment, groupBy);
    if (!rows.has(key)) rows.set(key, emptyRow(key, rates.currency));
  }
  const unpriced = addIntervalCosts(
    {
      environments: new Map(input.environments.map(e => [e.id, e])),
      intervals: input.intervals,
      activity: input.activity,
      rates,
      defaultIdleAfter: input.idleAfter ?? DEFAULT_IDLE_AFTER_MS,
    },
    { from, to },
    environment => rows.get(costGroupKey(environment, groupBy))!,
  );

  const sorted = sortCostRows([...rows.values()]);
  const totals = emptyRow('total', rates.currency);
  for (const row of sorted) addCostAmounts(totals, row);
  return {
    groupBy,
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    currency: rates.currency,
    rates,
    rows: sorted,
    totals,
    unpricedInstanceClasses: [...unpriced].sort(),
  };
}
