import type { Config } from '@backstage/config';
import {
  ENVIRONMENT_MODES,
  EnvironmentMode,
  PriceRates,
  parseCpuCores,
  parseMemoryGb,
} from '@greenroom/plugin-environments-common';
import {
  checkHostSuffix,
  readDuration,
  readQuantity,
  readWholeNumber,
} from './readers';

/** A quantity limit as configured (for messages) and as a number. */
export interface QuantityLimit {
  text: string;
  value: number;
}

/** `environments.limits`: bounds on what a request may ask for. */
export interface EnvironmentLimits {
  /** Longest time from now an environment may live, per mode; undefined: unlimited. */
  maxLifetime: Record<
    EnvironmentMode,
    { text: string; ms: number } | undefined
  >;
  /** Highest `policy.priority` per mode. */
  maxPriority: Record<EnvironmentMode, number>;
  /** `runtime.target`s a request may name. */
  runtimeTargets: { allowed: string[]; key: string };
  /** Suffixes custom domains must be under; empty: no custom domains. */
  customDomainSuffixes: string[];
  maxServices: number;
  /** Per environment scope and per service. */
  maxVariables: number;
  /** Per service (per replica, as Kubernetes counts): cores. */
  maxCpu: QuantityLimit;
  /** Per service: GB (2^30 bytes). */
  maxMemory: QuantityLimit;
  /** Per service, a volume or a managed database's disk: GB (2^30 bytes). */
  maxStorage: QuantityLimit;
  maxReplicas: number;
  /** Managed database instance classes a request may name, per mode. */
  managedDatabaseClasses: Record<EnvironmentMode, string[]>;
}

/** The built-in `environments.limits.maxLifetime`; production lives until destroyed. */
const DEFAULT_MAX_LIFETIME: Record<EnvironmentMode, string | undefined> = {
  preview: '14d',
  development: '90d',
  staging: '180d',
  production: undefined,
};

const DEFAULT_MAX_PRIORITY: Record<EnvironmentMode, number> = {
  production: 100,
  staging: 70,
  development: 50,
  preview: 30,
};

/** `environments.limits`, over the built-in defaults. */
export function readLimits(
  config: Config,
  prices: PriceRates,
): EnvironmentLimits {
  const key = (name: string) => `environments.limits.${name}`;
  const perMode = <D, T>(
    name: string,
    read: (modeKey: string, fallback: D) => T,
    defaults: Record<EnvironmentMode, D>,
  ) =>
    Object.fromEntries(
      ENVIRONMENT_MODES.map(mode => [
        mode,
        read(key(`${name}.${mode}`), defaults[mode]),
      ]),
    ) as Record<EnvironmentMode, T>;

  const clusters = (
    config.getOptionalConfigArray('environments.kubernetes.clusters') ?? []
  ).map(cluster => cluster.getString('name'));
  const runtimeTargets = config.getOptionalStringArray(key('runtimeTargets'));

  return {
    maxLifetime: perMode(
      'maxLifetime',
      (modeKey, fallback) => {
        const text = config.getOptionalString(modeKey) ?? fallback;
        if (text === undefined || text === 'unlimited') return undefined;
        const ms = readDuration(modeKey, text);
        if (ms < 60_000) {
          throw new Error(`${modeKey}: must be at least 1m, or 'unlimited'`);
        }
        return { text, ms };
      },
      DEFAULT_MAX_LIFETIME,
    ),
    maxPriority: perMode(
      'maxPriority',
      (modeKey, fallback) =>
        readWholeNumber(config, modeKey, fallback, { min: 0, max: 100 }),
      DEFAULT_MAX_PRIORITY,
    ),
    // Unset: the clusters the Kubernetes runtime is configured with.
    runtimeTargets: runtimeTargets
      ? { allowed: runtimeTargets, key: key('runtimeTargets') }
      : { allowed: clusters, key: 'environments.kubernetes.clusters' },
    customDomainSuffixes: (
      config.getOptionalStringArray(key('customDomainSuffixes')) ?? []
    ).map((suffix, i) =>
      checkHostSuffix(`${key('customDomainSuffixes')}[${i}]`, suffix),
    ),
    maxServices: readWholeNumber(config, key('maxServices'), 100, { min: 1 }),
    maxVariables: readWholeNumber(config, key('maxVariables'), 200, {
      min: 1,
    }),
    maxCpu: readQuantity(config, key('maxCpu'), '16', parseCpuCores),
    maxMemory: readQuantity(config, key('maxMemory'), '64Gi', parseMemoryGb),
    maxStorage: readQuantity(config, key('maxStorage'), '1Ti', parseMemoryGb),
    maxReplicas: readWholeNumber(config, key('maxReplicas'), 20, {
      min: 1,
      max: 100,
    }),
    managedDatabaseClasses: perMode(
      'managedDatabaseClasses',
      (modeKey, fallback) => config.getOptionalStringArray(modeKey) ?? fallback,
      // Every priced class, in every mode: a preview clones its base's
      // databases as they are, so a smaller default would refuse most bases.
      Object.fromEntries(
        ENVIRONMENT_MODES.map(mode => [
          mode,
          Object.keys(prices.managedDatabaseHourly),
        ]),
      ) as Record<EnvironmentMode, string[]>,
    ),
  };
}
