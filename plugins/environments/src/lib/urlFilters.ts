/**
 * Reading and cleaning the `filters[…]` values list pages keep in the URL,
 * whatever a shared link holds.
 */

/** A trimmed, non-empty text (the first of repeated values), or undefined. */
export function filterText(value: unknown): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' && first.trim() !== ''
    ? first.trim()
    : undefined;
}

/** The value when it is one of `allowed`, or undefined. */
export function filterOneOf<T extends string>(
  allowed: readonly T[],
  value: unknown,
): T | undefined {
  const text = filterText(value);
  return text && (allowed as readonly string[]).includes(text)
    ? (text as T)
    : undefined;
}

/** Drops undefined and empty values so the URL stays short. */
export function withoutEmptyValues<T extends object>(filters: T): T {
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(filters)) {
    if (typeof value === 'string' && value !== '') {
      result[key] = value;
    }
  }
  return result as T;
}

export function hasAnyFilter(filters: object): boolean {
  return Object.keys(withoutEmptyValues(filters)).length > 0;
}
