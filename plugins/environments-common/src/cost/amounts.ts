import type { CostRow } from './summarize';

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
