import type { Config } from '@backstage/config';
import {
  ENVIRONMENT_MODES,
  EnvironmentMode,
  PolicyInput,
  formatZodError,
  policyInputSchema,
} from '@greenroom/plugin-environments-common';

export interface EnvironmentsConfig {
  secretsKey: string;
  defaultRuntime: string;
  seedFile?: string;
  /** Policy defaults per mode; a request's policy fields override them. */
  policyDefaults: Record<EnvironmentMode, PolicyInput>;
  previews: {
    /** Running previews allowed per system; undefined means no limit. */
    maxRunningPerSystem?: number;
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
    secretsKey: config.getString('environments.secretsKey'),
    defaultRuntime:
      config.getOptionalString('environments.defaultRuntime') ?? 'local',
    seedFile: config.getOptionalString('environments.seed.file'),
    policyDefaults,
    previews: { maxRunningPerSystem },
  };
}
