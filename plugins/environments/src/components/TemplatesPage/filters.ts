import {
  SERVICE_TEMPLATE_LIFECYCLES,
  SERVICE_TEMPLATE_TYPES,
} from '@greenroom/plugin-environments-common';
import type { ListTemplatesQuery } from '../../api';
import {
  filterOneOf,
  filterText,
  withoutEmptyValues,
} from '../../lib/urlFilters';

/**
 * The filters of the template catalog. They live in the URL as
 * `?filters[type]=database&filters[q]=postgres`, like the environment list's,
 * so a filtered catalog can be shared as a link.
 */
export type TemplateFilters = ListTemplatesQuery;

/**
 * Reads filters from whatever the query string held, dropping unknown keys,
 * empty values and types or lifecycles that do not exist.
 */
export function parseTemplateFilters(raw: unknown): TemplateFilters {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    return {};
  }
  const record = raw as Record<string, unknown>;
  return withoutEmptyValues<TemplateFilters>({
    q: filterText(record.q),
    type: filterOneOf(SERVICE_TEMPLATE_TYPES, record.type),
    engine: filterText(record.engine),
    lifecycle: filterOneOf(SERVICE_TEMPLATE_LIFECYCLES, record.lifecycle),
    owner: filterText(record.owner),
  });
}
