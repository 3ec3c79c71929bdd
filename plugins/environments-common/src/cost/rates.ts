/**
 * Rates that costs are computed from. Every cost report carries the rates it
 * used, so a reader can recompute it.
 *
 * @public
 */
export interface PriceRates {
  currency: string;
  cpuCoreHour: number;
  memoryGbHour: number;
  /** Charged while stopped too. */
  storageGbHour: number;
  /** Hourly price per managed database instance class, e.g. `db.t4g.medium`. */
  managedDatabaseHourly: Record<string, number>;
}

/**
 * Rates as configuration gives them: any field may be left out and takes its
 * default; class table entries are added to (or replace) the default ones.
 *
 * @public
 */
export interface PriceRatesInput {
  currency?: string;
  cpuCoreHour?: number;
  memoryGbHour?: number;
  storageGbHour?: number;
  managedDatabaseHourly?: Record<string, number>;
}

/**
 * Default rates. These are placeholders (roughly on-demand cloud list prices)
 * to be replaced from config (`environments.pricing`) or a `PriceSource`.
 *
 * @public
 */
export const DEFAULT_PRICE_RATES: Readonly<PriceRates> = Object.freeze({
  currency: 'USD',
  cpuCoreHour: 0.031611,
  memoryGbHour: 0.004237,
  storageGbHour: 0.0000548,
  managedDatabaseHourly: Object.freeze({
    'db.t4g.micro': 0.016,
    'db.t4g.small': 0.032,
    'db.t4g.medium': 0.065,
    'db.m6g.large': 0.152,
  }) as Record<string, number>,
});

const RATE_FIELDS = ['cpuCoreHour', 'memoryGbHour', 'storageGbHour'] as const;

function checkRate(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new TypeError(
      `Invalid price rate ${field}: expected a non-negative number, got ${JSON.stringify(
        value,
      )}`,
    );
  }
  return value;
}

/**
 * Merges partial rates (a plain object, e.g. read from config) over
 * `defaults`. Fields that are `undefined` keep the default. Throws a
 * TypeError naming the field for a negative, non-finite or non-number rate,
 * or an empty currency.
 *
 * @public
 */
export function readPriceRates(
  input: PriceRatesInput | undefined,
  defaults: Readonly<PriceRates> = DEFAULT_PRICE_RATES,
): PriceRates {
  const rates: PriceRates = {
    currency: defaults.currency,
    cpuCoreHour: defaults.cpuCoreHour,
    memoryGbHour: defaults.memoryGbHour,
    storageGbHour: defaults.storageGbHour,
    managedDatabaseHourly: { ...defaults.managedDatabaseHourly },
  };
  if (input === undefined || input === null) return rates;
  if (typeof input !== 'object' || Array.isArray(input)) {
    throw new TypeError('Invalid price rates: expected an object');
  }
  if (input.currency !== undefined) {
    if (typeof input.currency !== 'string' || input.currency.trim() === '') {
      throw new TypeError(
        `Invalid price rate currency: expected a currency code, got ${JSON.stringify(
          input.currency,
        )}`,
      );
    }
    rates.currency = input.currency.trim();
  }
  for (const field of RATE_FIELDS) {
    if (input[field] !== undefined) {
      rates[field] = checkRate(input[field], field);
    }
  }
  const table: unknown = input.managedDatabaseHourly;
  if (table !== undefined) {
    if (table === null || typeof table !== 'object' || Array.isArray(table)) {
      throw new TypeError(
        'Invalid price rate managedDatabaseHourly: expected an object of instance class to hourly price',
      );
    }
    for (const [instanceClass, value] of Object.entries(table)) {
      rates.managedDatabaseHourly[instanceClass] = checkRate(
        value,
        `managedDatabaseHourly.${instanceClass}`,
      );
    }
  }
  return rates;
}
