import { createExtensionPoint } from '@backstage/backend-plugin-api';

import type { PriceRates } from '@greenroom/plugin-environments-common';

// The rates type lives with the cost math in environments-common.
export type { PriceRates };

/**
 * Replaces the configured prices, e.g. with a cloud provider's price list.
 *
 * @public
 */
export interface PriceSource {
  /**
   * What cost reports call figures computed from these rates (their
   * `source`), e.g. `gcp-billing`; default `estimate`.
   */
  readonly name?: string;
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
