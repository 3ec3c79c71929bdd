import { Config, readDurationFromConfig } from '@backstage/config';

/** Whether a managed database is a plain RDS instance or an Aurora cluster with one instance. */
export type EngineMode = 'instance' | 'aurora';

/** `environments.awsRds`, read and defaulted. */
export interface AwsRdsConfig {
  region: string;
  defaultInstanceClass: string;
  subnetGroupName?: string;
  securityGroupIds?: string[];
  engineMode: EngineMode;
  /** How often to look at an instance while waiting for it. */
  pollIntervalMs: number;
  /** How long to wait for an instance to become available (or stopped, or gone). */
  availableTimeoutMs: number;
  /** Extra tags on everything Greenroom creates. */
  tags: Record<string, string>;
}

export const DEFAULT_INSTANCE_CLASS = 'db.t4g.micro';
export const DEFAULT_POLL_INTERVAL_MS = 15_000;
export const DEFAULT_AVAILABLE_TIMEOUT_MS = 60 * 60_000;

const MS_PER = {
  years: 365 * 24 * 3600_000,
  months: 30 * 24 * 3600_000,
  weeks: 7 * 24 * 3600_000,
  days: 24 * 3600_000,
  hours: 3600_000,
  minutes: 60_000,
  seconds: 1000,
  milliseconds: 1,
} as const;

/** Reads a duration written as seconds (`15`) or as a HumanDuration / ISO / `15s` string. */
function readDurationMs(
  config: Config,
  key: string,
  fallbackMs: number,
): number {
  if (!config.has(key)) return fallbackMs;
  const value = config.get(key);
  if (typeof value === 'number') {
    if (!(value >= 0)) {
      throw new Error(`environments.awsRds.${key} must be 0 or more seconds`);
    }
    return value * 1000;
  }
  const duration = readDurationFromConfig(config, { key }) as Partial<
    Record<keyof typeof MS_PER, number>
  >;
  return Object.entries(MS_PER).reduce(
    (sum, [unit, ms]) =>
      sum + (duration[unit as keyof typeof MS_PER] ?? 0) * ms,
    0,
  );
}

/**
 * Reads `environments.awsRds`; undefined when no region is set, which leaves
 * managed databases on AWS RDS off.
 */
export function readAwsRdsConfig(root: Config): AwsRdsConfig | undefined {
  const config = root.getOptionalConfig('environments.awsRds');
  const region = config?.getOptionalString('region');
  if (!config || !region) return undefined;

  const engineMode = config.getOptionalString('engineMode') ?? 'instance';
  if (engineMode !== 'instance' && engineMode !== 'aurora') {
    throw new Error(
      `environments.awsRds.engineMode must be "instance" or "aurora", not "${engineMode}"`,
    );
  }
  const tagsConfig = config.getOptionalConfig('tags');
  const tags: Record<string, string> = {};
  for (const key of tagsConfig?.keys() ?? []) {
    tags[key] = tagsConfig!.getString(key);
  }
  return {
    region,
    defaultInstanceClass:
      config.getOptionalString('defaultInstanceClass') ??
      DEFAULT_INSTANCE_CLASS,
    // `dbSubnetGroupName` / `vpcSecurityGroupIds` were the first names of these keys.
    subnetGroupName:
      config.getOptionalString('subnetGroupName') ??
      config.getOptionalString('dbSubnetGroupName'),
    securityGroupIds:
      config.getOptionalStringArray('securityGroupIds') ??
      config.getOptionalStringArray('vpcSecurityGroupIds'),
    engineMode,
    pollIntervalMs: readDurationMs(
      config,
      'pollInterval',
      DEFAULT_POLL_INTERVAL_MS,
    ),
    availableTimeoutMs: readDurationMs(
      config,
      'availableTimeout',
      DEFAULT_AVAILABLE_TIMEOUT_MS,
    ),
    tags,
  };
}
