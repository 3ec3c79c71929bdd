import {
  ENVIRONMENT_MODES,
  ENVIRONMENT_STATUSES,
  EnvironmentMode,
  EnvironmentStatus,
} from '@greenroom/plugin-environments-common';

/**
 * The filters of the environment list. They live in the URL as
 * `?filters[mode]=preview&filters[q]=shop`, the way the catalog keeps its
 * filters, so a filtered list can be shared as a link.
 */
export interface EnvironmentFilters {
  q?: string;
  mode?: EnvironmentMode;
  status?: EnvironmentStatus;
  /** Entity ref of a System. */
  system?: string;
  /** Entity ref of a Group. */
  owner?: string;
}

function stringValue(value: unknown): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' && first.trim() !== ''
    ? first.trim()
    : undefined;
}

function oneOf<T extends string>(
  allowed: readonly T[],
  value: unknown,
): T | undefined {
  const text = stringValue(value);
  return text && (allowed as readonly string[]).includes(text)
    ? (text as T)
    : undefined;
}

/**
 * Reads filters from whatever the query string held, dropping unknown keys,
 * empty values and modes or statuses that do not exist.
 */
export function parseFilters(raw: unknown): EnvironmentFilters {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    return {};
  }
  const record = raw as Record<string, unknown>;
  return cleanFilters({
    q: stringValue(record.q),
    mode: oneOf(ENVIRONMENT_MODES, record.mode),
    status: oneOf(ENVIRONMENT_STATUSES, record.status),
    system: stringValue(record.system),
    owner: stringValue(record.owner),
  });
}

/** Drops undefined and empty values so the URL stays short. */
export function cleanFilters(filters: EnvironmentFilters): EnvironmentFilters {
  const result: EnvironmentFilters = {};
  for (const [key, value] of Object.entries(filters)) {
    if (typeof value === 'string' && value !== '') {
      (result as Record<string, string>)[key] = value;
    }
  }
  return result;
}

export function hasFilters(filters: EnvironmentFilters): boolean {
  return Object.keys(cleanFilters(filters)).length > 0;
}
