import type { PriceRates } from '../rates';

/** Round rates so that fixtures can be computed by hand. */
export const TEST_RATES: PriceRates = {
  currency: 'EUR',
  cpuCoreHour: 0.04,
  memoryGbHour: 0.005,
  storageGbHour: 0.0001,
  managedDatabaseHourly: { 'db.small': 0.03 },
};

/** `2024-05-01T<hh>:00:00Z` plus `day - 1` days. */
export function at(hour: number, day = 1): string {
  return new Date(Date.UTC(2024, 4, day, hour)).toISOString();
}
