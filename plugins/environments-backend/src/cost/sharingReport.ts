import {
  type PriceRates,
  type SharingSavings,
  sharedServicesOf,
  sharingSavings,
} from '@greenroom/plugin-environments-common';
import { serviceReservation } from '../engine/ledger';
import type { ServiceInterval } from '../storage/rows';
import type { StoredEnvironment } from '../storage/types';

/** The answer of `GET /environments/{name}/cost/sharing`. */
export interface SharingReport {
  environment: string;
  base?: string;
  from: string;
  to: string;
  currency: string;
  runningHours: number;
  saved: Omit<SharingSavings['saved'], 'hours'>;
  services: SharingSavings['services'];
}

/**
 * What sharing its base saved an environment in a window: the base's
 * services it does not deploy, reserved as the ledger would reserve them
 * (the base's current specification), over the environment's own intervals.
 */
export function sharingReport(options: {
  environment: StoredEnvironment;
  /** Its base, unless it has none or the base is destroyed. */
  base?: StoredEnvironment;
  /** The environment's own ledger intervals in the window. */
  intervals: ServiceInterval[];
  rates: PriceRates;
  window: { from: Date; to: Date };
}): SharingReport {
  const { environment, base, rates, window } = options;
  const shared = base
    ? sharedServicesOf(base, environment).map(service => ({
        serviceName: service.name,
        ...serviceReservation(service),
      }))
    : [];
  const { saved, services, runningHours } = sharingSavings({
    intervals: options.intervals,
    shared,
    rates,
    window,
  });
  const { hours: _hours, ...amounts } = saved;
  return {
    environment: environment.name,
    ...(base && { base: base.name }),
    from: window.from.toISOString(),
    to: window.to.toISOString(),
    currency: rates.currency,
    runningHours,
    saved: amounts,
    services,
  };
}

/** The answer of `GET /cost/sharing`: what sharing saved, in all and per environment. */
export interface SharingTotals {
  from: string;
  to: string;
  currency: string;
  saved: SharingReport['saved'];
  /** The environments that share a base, most saved first. */
  environments: Array<{ environment: string; base?: string; saved: number }>;
}

/** Adds up the reports of one window. */
export function sharingTotals(
  reports: SharingReport[],
  window: { from: Date; to: Date },
  currency: string,
): SharingTotals {
  const saved = { total: 0, compute: 0, storage: 0, database: 0 };
  for (const report of reports) {
    saved.total += report.saved.total;
    saved.compute += report.saved.compute;
    saved.storage += report.saved.storage;
    saved.database += report.saved.database;
  }
  return {
    from: window.from.toISOString(),
    to: window.to.toISOString(),
    currency,
    saved,
    environments: reports
      .map(r => ({
        environment: r.environment,
        ...(r.base && { base: r.base }),
        saved: r.saved.total,
      }))
      .sort(
        (a, b) =>
          b.saved - a.saved || a.environment.localeCompare(b.environment),
      ),
  };
}
