import type { PriceRates } from './rates';
import {
  type CostEnvironment,
  type CostGroupBy,
  type CostRow,
  costGroupKey,
  sortCostRows,
} from './summarize';

/** The money of a cost row without its key, e.g. one environment on one day. @public */
export type CostAmounts = Omit<CostRow, 'key' | 'currency'>;

/** @public */
export function zeroCostAmounts(): CostAmounts {
  return {
    total: 0,
    compute: 0,
    storage: 0,
    database: 0,
    idle: 0,
    idleHours: 0,
    savings: 0,
  };
}

/** @public */
export function addCostAmounts(into: CostAmounts, more: CostAmounts): void {
  into.total += more.total;
  into.compute += more.compute;
  into.storage += more.storage;
  into.database += more.database;
  into.idle += more.idle;
  into.idleHours += more.idleHours;
  into.savings += more.savings;
}

/**
 * Groups per-environment amounts (e.g. a daily rollup plus the hours since)
 * into report rows, the way `summarizeCost` does: every listed environment
 * gets a row, amounts of environments not listed are left out.
 *
 * @public
 */
export function groupCostAmounts(input: {
  environments: readonly CostEnvironment[];
  amounts: ReadonlyMap<string, CostAmounts>;
  groupBy: CostGroupBy;
  rates: Pick<PriceRates, 'currency'>;
}): { rows: CostRow[]; totals: CostRow } {
  const { currency } = input.rates;
  const rows = new Map<string, CostRow>();
  const totals: CostRow = { key: 'total', currency, ...zeroCostAmounts() };
  for (const environment of input.environments) {
    const key = costGroupKey(environment, input.groupBy);
    let row = rows.get(key);
    if (!row) {
      row = { key, currency, ...zeroCostAmounts() };
      rows.set(key, row);
    }
    const amounts = input.amounts.get(environment.id);
    if (amounts) {
      addCostAmounts(row, amounts);
      addCostAmounts(totals, amounts);
    }
  }
  return { rows: sortCostRows([...rows.values()]), totals };
}
