import type { Config } from '@backstage/config';
import {
  entityRefSchema,
  type PreviewQuotaSettings,
} from '@greenroom/plugin-environments-common';

const QUOTA = 'environments.previews.quota';
/** The first key of the per-system limit, still read. */
const LEGACY_PER_SYSTEM = 'environments.previews.maxRunningPerSystem';

/**
 * `environments.previews.quota`: running previews allowed per system and per
 * team (owner), with limits of named systems and teams.
 */
export function readPreviewQuota(config: Config): PreviewQuotaSettings {
  const legacy = readLimit(config, LEGACY_PER_SYSTEM);
  const perSystem = readLimit(config, `${QUOTA}.perSystem`);
  if (legacy !== undefined && perSystem !== undefined) {
    throw new Error(
      `${QUOTA}.perSystem: set it or ${LEGACY_PER_SYSTEM} (its former name), not both`,
    );
  }
  return {
    perSystem: perSystem ?? legacy,
    perTeam: readLimit(config, `${QUOTA}.perTeam`),
    systems: readLimits(config, `${QUOTA}.systems`, 'system', ['system']),
    teams: readLimits(config, `${QUOTA}.teams`, 'group', ['group', 'user']),
  };
}

function readLimit(config: Config, key: string): number | undefined {
  return checkLimit(key, config.getOptionalNumber(key));
}

function checkLimit(key: string, value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new Error(`${key}: must be a whole number of at least 1`);
  }
  return value;
}

/**
 * Limits by entity ref, read as raw config: refs hold `:` and `/`, which
 * config keys cannot. Short refs (`shop`) get the default kind and namespace.
 */
function readLimits(
  config: Config,
  key: string,
  defaultKind: string,
  kinds: string[],
): Record<string, number> {
  const raw = config.getOptional(key);
  if (raw === undefined) return {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new Error(
      `${key}: must map ${defaultKind} refs to limits, e.g. '${defaultKind}:default/name': 5`,
    );
  }
  const limits: Record<string, number> = {};
  for (const [text, value] of Object.entries(raw)) {
    const entry = `${key}['${text}']`;
    const ref = readRef(entry, text, defaultKind, kinds);
    limits[ref] = checkLimit(entry, value)!;
  }
  return limits;
}

function readRef(
  key: string,
  text: string,
  defaultKind: string,
  kinds: string[],
): string {
  // As environments store their system and owner, so that they match.
  const parsed = entityRefSchema(defaultKind, kinds).safeParse(text);
  if (!parsed.success) {
    throw new Error(`${key}: ${parsed.error.issues[0].message}`);
  }
  return parsed.data;
}
