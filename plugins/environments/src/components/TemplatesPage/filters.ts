import {
  SERVICE_TEMPLATE_LIFECYCLES,
  SERVICE_TEMPLATE_TYPES,
} from '@greenroom/plugin-environments-common';
import type { ListTemplatesQuery } from '../../api';

/**
 * The filters of the template catalog. They live in the URL as
 * `?filters[type]=database&filters[q]=postgres`, like the environment list's,
 * so a filtered catalog can be shared as a link.
 */
export type TemplateFilters = ListTemplatesQuery;

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

/** Drops undefined and empty values so the URL stays short. */
export function cleanTemplateFilters(
  filters: TemplateFilters,
): TemplateFilters {
  const result: TemplateFilters = {};
  for (const [key, value] of Object.entries(filters)) {
    if (typeof value === 'string' && value !== '') {
      (result as Record<string, string>)[key] = value;
    }
  }
  return result;
}

/**
 * Reads filters from whatever the query string held, dropping unknown keys,
 * empty values and types or lifecycles that do not exist.
 */
export function parseTemplateFilters(raw: unknown): TemplateFilters {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    return {};
  }
  const record = raw as Record<string, unknown>;
  return cleanTemplateFilters({
    q: stringValue(record.q),
    type: oneOf(SERVICE_TEMPLATE_TYPES, record.type),
    engine: stringValue(record.engine),
    lifecycle: oneOf(SERVICE_TEMPLATE_LIFECYCLES, record.lifecycle),
    owner: stringValue(record.owner),
  });
}

export function hasTemplateFilters(filters: TemplateFilters): boolean {
  return Object.keys(cleanTemplateFilters(filters)).length > 0;
}
