import {
  ENVIRONMENT_MODES,
  ENVIRONMENT_STATUSES,
  EnvironmentMode,
  EnvironmentStatus,
} from '@greenroom/plugin-environments-common';
import {
  filterOneOf,
  filterText,
  withoutEmptyValues,
} from '../../lib/urlFilters';

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

/**
 * Reads filters from whatever the query string held, dropping unknown keys,
 * empty values and modes or statuses that do not exist.
 */
export function parseFilters(raw: unknown): EnvironmentFilters {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    return {};
  }
  const record = raw as Record<string, unknown>;
  return withoutEmptyValues({
    q: filterText(record.q),
    mode: filterOneOf(ENVIRONMENT_MODES, record.mode),
    status: filterOneOf(ENVIRONMENT_STATUSES, record.status),
    system: filterText(record.system),
    owner: filterText(record.owner),
  });
}
