import type { Config } from '@backstage/config';
import {
  DEFAULT_PRICE_RATES,
  ENVIRONMENT_MODES,
  EnvironmentMode,
  PolicyInput,
  PreviewQuotaSettings,
  PriceRates,
  PriceRatesInput,
  formatZodError,
  parseDuration,
  policyInputSchema,
  readPriceRates,
} from '@greenroom/plugin-environments-common';
import { readInstallationId } from '@greenroom/plugin-environments-node';
import { readDurationMs, readHostSuffix, readWholeNumber } from './readers';
import { EnvironmentLimits, readLimits } from './readLimits';
import {
  type LocalPostgresConfig,
  readLocalPostgres,
} from './readLocalDatabases';
import { readPreviewQuota } from './readPreviewQuota';
import { type PriceSourcesConfig, readPriceSources } from './readPriceSources';
import { readSecretsKeys } from './readSecretsKeys';
import {
  readReconcileSettings,
  readWakeConfig,
  type WakeConfig,
} from './readLiveServices';
import type { ReconcileSettings } from '../observations/ReconcileLoop';
import {
  type CostBreakdownLimits,
  DEFAULT_BREAKDOWN_LIMITS,
  MAX_WINDOW_DAYS,
} from '../cost/CostService';
import { DEFAULT_REPORT_WORK_MEM_MB } from '../cost/CostRollup';

/** Default of `environments.cost.summary.maxLimit`: ten pages of a top spenders table. */
export const DEFAULT_COST_SUMMARY_MAX_LIMIT = 1000;

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
  /** The server the `local` runtime makes real PostgreSQL databases on; simulated without it. */
  localPostgres?: LocalPostgresConfig;
  seedFile?: string;
  /** Days of example cost history written with the seed. */
  seedCostHistoryDays: number;
  /** Policy defaults per mode; a request's policy fields override them. */
  policyDefaults: Record<EnvironmentMode, PolicyInput>;
  previews: {
    /** Running previews allowed per system and per team. */
    quota: PreviewQuotaSettings;
  };
  /**
   * Rates cost reports are computed from (`environments.prices` over the
   * defaults, with an AWS RDS price file's prices when one is configured).
   */
  prices: PriceRates;
  /** Bounds of one environment's cost breakdown (`environments.cost.breakdown`). */
  costBreakdown: CostBreakdownLimits;
  /** The highest `limit` of `GET /cost/summary` (`environments.cost.summary.maxLimit`). */
  costSummaryMaxLimit: number;
  /** PostgreSQL's `work_mem` for a cost report's sums, in MB (`environments.cost.reportWorkMemMb`). */
  costReportWorkMemMb: number;
  /** Where cost figures come from (`environments.priceSources`). */
  priceSources: Omit<PriceSourcesConfig, 'rates'>;
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
  /** How running environments are observed without anyone acting. */
  reconcile: ReconcileSettings;
  /** Whether, and for which modes and as whom, a visit wakes a stopped environment. */
  wake: WakeConfig;
  /**
   * `environments.kubernetes.ingress.baseDomain`: generated hosts are
   * `<service>-<environment>.<baseDomain>`, so custom domains under it are
   * restricted to the environment's own name.
   */
  ingressBaseDomain?: string;
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
  const { rates: prices, ...priceSources } = readPriceSources(
    config,
    readPrices(config),
  );
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
    localPostgres: readLocalPostgres(config),
    seedFile: config.getOptionalString('environments.seed.file'),
    seedCostHistoryDays:
      config.getOptionalNumber('environments.seed.costHistoryDays') ?? 30,
    policyDefaults,
    previews: { quota: readPreviewQuota(config) },
    prices,
    costBreakdown: {
      maxWindowDays: readWholeNumber(
        config,
        'environments.cost.breakdown.maxWindowDays',
        DEFAULT_BREAKDOWN_LIMITS.maxWindowDays,
        { min: 1, max: MAX_WINDOW_DAYS },
      ),
      maxIntervals: readWholeNumber(
        config,
        'environments.cost.breakdown.maxIntervals',
        DEFAULT_BREAKDOWN_LIMITS.maxIntervals,
        { min: 1, max: 100_000 },
      ),
    },
    costSummaryMaxLimit: readWholeNumber(
      config,
      'environments.cost.summary.maxLimit',
      DEFAULT_COST_SUMMARY_MAX_LIMIT,
      { min: 1, max: 100_000 },
    ),
    costReportWorkMemMb: readWholeNumber(
      config,
      'environments.cost.reportWorkMemMb',
      DEFAULT_REPORT_WORK_MEM_MB,
      { min: 1, max: 4096 },
    ),
    priceSources,
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
    reconcile: readReconcileSettings(config),
    wake: readWakeConfig(config),
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
