import type {
  ApiCostBreakdown,
  PriceRates,
} from '@greenroom/plugin-environments-common';

type Interval = ApiCostBreakdown['intervals'][number];

/** One product of a formula line: quantity × hours × rate. */
export interface FormulaTerm {
  part: 'cpu' | 'memory' | 'storage' | 'database';
  /** Cores or GB; absent for a database class (priced per hour). */
  quantity?: number;
  hours: number;
  rate: number;
  /** The class a database term is priced by. */
  instanceClass?: string;
  amount: number;
}

/**
 * The products an interval's cost is the sum of, as the ledger's formula
 * charges them: CPU, memory and the database class only while running,
 * storage always. Parts that reserve nothing are left out.
 */
export function formulaTerms(
  interval: Interval,
  rates: PriceRates,
): FormulaTerm[] {
  const hours = interval.cost.hours;
  const running = interval.state === 'running';
  const terms: FormulaTerm[] = [];
  const add = (term: Omit<FormulaTerm, 'amount' | 'hours'>) => {
    const amount = (term.quantity ?? 1) * hours * term.rate;
    if ((term.quantity ?? 1) > 0) terms.push({ ...term, hours, amount });
  };
  if (running) {
    add({ part: 'cpu', quantity: interval.cpuCores, rate: rates.cpuCoreHour });
    add({
      part: 'memory',
      quantity: interval.memoryGb,
      rate: rates.memoryGbHour,
    });
  }
  add({
    part: 'storage',
    quantity: interval.storageGb,
    rate: rates.storageGbHour,
  });
  if (running && interval.instanceClass) {
    add({
      part: 'database',
      rate: rates.managedDatabaseHourly[interval.instanceClass] ?? 0,
      instanceClass: interval.instanceClass,
    });
  }
  return terms;
}

/** Hours with at most two decimals: `56.25`. */
export function formatFormulaHours(hours: number): string {
  return String(Math.round(hours * 100) / 100);
}
