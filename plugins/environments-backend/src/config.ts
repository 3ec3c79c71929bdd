import type { Config } from '@backstage/config';
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

export interface EnvironmentsConfig {
  /** Keys of secret values at rest, newest first (the first encrypts, all decrypt). */
  secretsKeys: string[];
  /** How often secret values not under the newest key are re-encrypted, in ms. */
  secretsReencryptFrequencyMs: number;
  defaultRuntime: string;
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
}

/** DESIGN.md: non-production stops after 2 h idle; previews live 3 days. */
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
  return {
    secretsKeys: readSecretsKeys(config),
    secretsReencryptFrequencyMs: readDurationMs(
      config,
      'environments.secrets.reencryptFrequency',
      '1h',
    ),
    defaultRuntime:
      config.getOptionalString('environments.defaultRuntime') ?? 'local',
    seedFile: config.getOptionalString('environments.seed.file'),
    seedCostHistoryDays:
      config.getOptionalNumber('environments.seed.costHistoryDays') ?? 30,
    policyDefaults,
    previews: { maxRunningPerSystem },
    prices: readPrices(config),
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
  const text = config.getOptionalString(key) ?? fallback;
  try {
    return parseDuration(text);
  } catch (error) {
    throw new Error(`${key}: ${(error as Error).message}`);
  }
}

/** DESIGN.md defaults: CPU core-hour 0.031611, memory GB-hour 0.004237, storage GB-hour 0.0000548. */
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
