import type { Config } from '@backstage/config';
import { parseCpuCores, parseMemoryGb } from './engine/quantities';
import {
  DEFAULT_PRICE_RATES,
  ENVIRONMENT_MODES,
  EnvironmentMode,
  PolicyInput,
  PriceRates,
  PriceRatesInput,
  formatZodError,
  parseDuration,
  policyInputSchema,
  readPriceRates,
} from '@greenroom/plugin-environments-common';
import { readInstallationId } from '@greenroom/plugin-environments-node';

export interface EnvironmentsConfig {
  /** What this portal's resources are labelled and tagged with (runtimes read it too). */
  installationId: string;
  /** Keys of secret values at rest, newest first (the first encrypts, all decrypt). */
  secretsKeys: string[];
  /** How often secret values not under the newest key are re-encrypted, in ms. */
  secretsReencryptFrequencyMs: number;
  defaultRuntime: string;
  /** How long the built-in `local` runtime's simulated work takes, in ms. */
  localRuntimeDelayMs?: number;
  seedFile?: string;
  /** Days of example cost history written with the seed. */
  seedCostHistoryDays: number;
  /** Policy defaults per mode; a request's policy fields override them. */
  policyDefaults: Record<EnvironmentMode, PolicyInput>;
  previews: {
    /** Running previews allowed per system; undefined means no limit. */
    maxRunningPerSystem?: number;
  };
  /** Rates cost reports are computed from (`environments.prices` over the defaults). */
  prices: PriceRates;
  /** The policy sweep (idle, schedule, TTL) and the ActivitySource poll, in ms. */
  policySweep: {
    frequencyMs: number;
    idleWarningLeadMs: number;
    expiryWarningMs: number;
    activityPollMs: number;
  };
  /** Orphan collection: what runtimes manage for environments that are gone. */
  orphans: {
    action: 'delete' | 'report';
    graceMs: number;
    frequencyMs: number;
  };
  /** What a request may ask for (`environments.limits.*`). */
  limits: EnvironmentLimits;
  /**
   * `environments.kubernetes.ingress.baseDomain`: generated hosts are
   * `<service>-<environment>.<baseDomain>`, so custom domains under it are
   * restricted to the environment's own name.
   */
  ingressBaseDomain?: string;
}

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

/** Non-production stops after 2 h idle; previews live 3 days. */
const BUILTIN_POLICY_DEFAULTS: Record<EnvironmentMode, PolicyInput> = {
  production: { priority: 100 },
  staging: { idleAfter: '2h', priority: 70 },
  development: { idleAfter: '2h', priority: 30 },
  preview: { idleAfter: '2h', ttl: '3d', priority: 10 },
};

export function readEnvironmentsConfig(config: Config): EnvironmentsConfig {
  const policyDefaults = { ...BUILTIN_POLICY_DEFAULTS };
  for (const mode of ENVIRONMENT_MODES) {
    const key = `environments.policies.${mode}`;
    const raw = config.getOptional(key);
    if (raw === undefined) continue;
    const parsed = policyInputSchema.safeParse(raw);
    if (!parsed.success) {
      throw new Error(formatZodError(parsed.error, key));
    }
    policyDefaults[mode] = { ...policyDefaults[mode], ...parsed.data };
  }
  const maxRunningPerSystem = config.getOptionalNumber(
    'environments.previews.maxRunningPerSystem',
  );
  if (
    maxRunningPerSystem !== undefined &&
    (!Number.isInteger(maxRunningPerSystem) || maxRunningPerSystem < 1)
  ) {
    throw new Error(
      'environments.previews.maxRunningPerSystem: must be a whole number of at least 1',
    );
  }
  const prices = readPrices(config);
  const limits = readLimits(config, prices);
  checkPolicyDefaults(policyDefaults, limits);
  return {
    installationId: readInstallationId(config),
    secretsKeys: readSecretsKeys(config),
    secretsReencryptFrequencyMs: readDurationMs(
      config,
      'environments.secrets.reencryptFrequency',
      '1h',
    ),
    defaultRuntime:
      config.getOptionalString('environments.defaultRuntime') ?? 'local',
    localRuntimeDelayMs: config.getOptionalNumber(
      'environments.localRuntime.delayMs',
    ),
    seedFile: config.getOptionalString('environments.seed.file'),
    seedCostHistoryDays:
      config.getOptionalNumber('environments.seed.costHistoryDays') ?? 30,
    policyDefaults,
    previews: { maxRunningPerSystem },
    prices,
    policySweep: {
      frequencyMs: readDurationMs(
        config,
        'environments.policies.sweepFrequency',
        '1m',
      ),
      idleWarningLeadMs: readDurationMs(
        config,
        'environments.policies.idleWarningLead',
        '15m',
      ),
      expiryWarningMs: readDurationMs(
        config,
        'environments.policies.expiryWarning',
        '24h',
      ),
      activityPollMs: readDurationMs(
        config,
        'environments.activity.pollFrequency',
        '5m',
      ),
    },
    orphans: {
      action: readOrphanAction(config),
      graceMs: readDurationMs(
        config,
        'environments.orphans.gracePeriod',
        '24h',
      ),
      frequencyMs: readDurationMs(
        config,
        'environments.orphans.frequency',
        '1h',
      ),
    },
    limits,
    ingressBaseDomain: readHostSuffix(
      config,
      'environments.kubernetes.ingress.baseDomain',
    ),
  };
}

function readOrphanAction(config: Config): 'delete' | 'report' {
  const action = config.getOptionalString('environments.orphans.action');
  // Report by default: deleting is what an operator opts into, once sure
  // nothing else shares the clusters and accounts.
  if (action === undefined) return 'report';
  if (action === 'delete' || action === 'report') return action;
  throw new Error(
    `environments.orphans.action: must be 'delete' or 'report', got '${action}'`,
  );
}

/** The key of app-config.yaml: public, so only ever for development. */
export const DEVELOPMENT_SECRETS_KEY =
  'greenroom-development-only-key-do-not-use-in-production';
const MIN_SECRETS_KEY_LENGTH = 32;

/**
 * `environments.secretsKeys` (newest first), else `environments.secretsKey`
 * as a list of one. Refuses short keys, and the development key of
 * app-config.yaml unless NODE_ENV is `development` or `test` (an unset
 * NODE_ENV counts as production).
 */
export function readSecretsKeys(
  config: Config,
  env: { NODE_ENV?: string } = process.env,
): string[] {
  const nodeEnv = env.NODE_ENV;
  const list = config.getOptionalStringArray('environments.secretsKeys');
  const keys = list
    ? list.map((key, i) => ({ key, name: `environments.secretsKeys[${i}]` }))
    : [
        {
          key: config.getString('environments.secretsKey'),
          name: 'environments.secretsKey',
        },
      ];
  if (keys.length === 0) {
    throw new Error(
      'environments.secretsKeys: at least one key is required (the first encrypts, all decrypt)',
    );
  }
  for (const { key, name } of keys) {
    if (key.length < MIN_SECRETS_KEY_LENGTH) {
      throw new Error(
        `${name}: must be at least ${MIN_SECRETS_KEY_LENGTH} characters long`,
      );
    }
    if (
      key === DEVELOPMENT_SECRETS_KEY &&
      nodeEnv !== 'development' &&
      nodeEnv !== 'test'
    ) {
      throw new Error(
        `${name}: the development key of app-config.yaml is public and must not be used outside development (NODE_ENV is ${
          nodeEnv ? `'${nodeEnv}'` : 'not set'
        }); set environments.secretsKey (or environments.secretsKeys) to a key of your own, e.g. from \`openssl rand -hex 32\``,
      );
    }
  }
  return keys.map(k => k.key);
}

function readDurationMs(config: Config, key: string, fallback: string) {
  return readDuration(key, config.getOptionalString(key) ?? fallback);
}

/** Defaults: CPU core-hour 0.031611, memory GB-hour 0.004237, storage GB-hour 0.0000548. */
const BUILTIN_PRICE_RATES = DEFAULT_PRICE_RATES;

function readPrices(config: Config): PriceRates {
  const raw = config.getOptional('environments.prices');
  try {
    return readPriceRates(
      raw as PriceRatesInput | undefined,
      BUILTIN_PRICE_RATES,
    );
  } catch (error) {
    const message = (error as Error).message;
    const field = /^Invalid price rate ([^:]+):/.exec(message)?.[1];
    throw new Error(
      field
        ? `environments.prices.${field}: ${message}`
        : `environments.prices: ${message}`,
    );
  }
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

const HOST_SUFFIX =
  /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?(\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)*$/;

function readLimits(config: Config, prices: PriceRates): EnvironmentLimits {
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

/** The mode defaults must themselves be within the limits. */
function checkPolicyDefaults(
  defaults: Record<EnvironmentMode, PolicyInput>,
  limits: EnvironmentLimits,
) {
  for (const mode of ENVIRONMENT_MODES) {
    const { ttl, priority } = defaults[mode];
    const max = limits.maxLifetime[mode];
    if (ttl !== undefined && max && parseDuration(ttl) > max.ms) {
      throw new Error(
        `environments.policies.${mode}.ttl: at most ${max.text} (environments.limits.maxLifetime.${mode})`,
      );
    }
    if (priority !== undefined && priority > limits.maxPriority[mode]) {
      throw new Error(
        `environments.policies.${mode}.priority: at most ${limits.maxPriority[mode]} (environments.limits.maxPriority.${mode})`,
      );
    }
  }
}

function readDuration(key: string, text: string) {
  try {
    return parseDuration(text);
  } catch (error) {
    throw new Error(`${key}: ${(error as Error).message}`);
  }
}

function readWholeNumber(
  config: Config,
  key: string,
  fallback: number,
  range: { min: number; max?: number },
) {
  const value = config.getOptionalNumber(key) ?? fallback;
  if (
    !Number.isInteger(value) ||
    value < range.min ||
    (range.max !== undefined && value > range.max)
  ) {
    throw new Error(
      `${key}: must be a whole number ${
        range.max === undefined
          ? `of at least ${range.min}`
          : `between ${range.min} and ${range.max}`
      }`,
    );
  }
  return value;
}

function readQuantity(
  config: Config,
  key: string,
  fallback: string,
  parse: (text: string) => number,
): QuantityLimit {
  const text = config.getOptionalString(key) ?? fallback;
  try {
    const value = parse(text);
    if (value > 0) return { text, value };
  } catch {
    // named below
  }
  throw new Error(
    `${key}: must be a positive quantity such as '${fallback}', got '${text}'`,
  );
}

function readHostSuffix(config: Config, key: string) {
  const text = config.getOptionalString(key);
  return text === undefined ? undefined : checkHostSuffix(key, text);
}

/** `.example.com` or `Example.com` → `example.com`. */
function checkHostSuffix(key: string, text: string) {
  const suffix = text.trim().toLowerCase().replace(/^\./, '');
  if (!HOST_SUFFIX.test(suffix)) {
    throw new Error(`${key}: must be a DNS name such as 'apps.example.com'`);
  }
  return suffix;
}
