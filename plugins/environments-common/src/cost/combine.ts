import { type CostAmounts, addCostAmounts } from './amounts';
import type { PriceRates } from './rates';
import {
  type CostEnvironment,
  type CostGroupBy,
  type CostRow,
  costGroupKey,
  emptyRow,
  sortCostRows,
} from './summarize';

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
  const totals = emptyRow('total', currency);
  for (const environment of input.environments) {
    const key = costGroupKey(environment, input.groupBy);
    let row = rows.get(key);
    if (!row) {
      row = emptyRow(key, currency);
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
