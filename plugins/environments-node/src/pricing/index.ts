import { createExtensionPoint } from '@backstage/backend-plugin-api';

/**
 * Rates that costs are computed from. Every cost figure carries the rates it
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
 * Replaces the configured prices, e.g. with a cloud provider's price list.
 *
 * @public
 */
export interface PriceSource {
  getRates(options: { at: Date }): Promise<PriceRates>;
}

/** @public */
export interface EnvironmentsPricingExtensionPoint {
  /** Only one price source can be set; a second call throws. */
  setPriceSource(source: PriceSource): void;
}

/** @public */
export const environmentsPricingExtensionPoint =
  createExtensionPoint<EnvironmentsPricingExtensionPoint>({
    id: 'environments.pricing',
  });
