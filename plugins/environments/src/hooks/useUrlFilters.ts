import { useCallback, useMemo, useRef } from 'react';
import { useSearchParams } from 'react-router-dom';
import { withoutEmptyValues } from '../lib/urlFilters';

const PREFIX = 'filters[';

/** Reads `filters[key]=value` pairs, the shape Backstage's own list pages use. */
function readFilters(params: URLSearchParams): Record<string, string> {
  const raw: Record<string, string> = {};
  params.forEach((value, key) => {
    if (key.startsWith(PREFIX) && key.endsWith(']')) {
      raw[key.slice(PREFIX.length, -1)] = value;
    }
  });
  return raw;
}

/**
 * A page's filters kept in the URL and nowhere else.
 *
 * Unlike `useQueryParamState`, which keeps a copy in state and writes the URL
 * after a debounce, there is no second copy: a URL written late can never put
 * back a filter the user has just changed. Search inputs debounce themselves.
 *
 * @param parse - turns the raw `filters[…]` values into valid filters; must be
 *   a stable (module-level) function.
 * @returns the filters and `update`, which computes the next filters from the
 *   latest ones; empty values are dropped from the URL.
 */
export function useUrlFilters<T extends object>(
  parse: (raw: Record<string, string>) => T,
): [T, (next: (current: T) => T) => void] {
  const [searchParams, setSearchParams] = useSearchParams();
  const query = searchParams.toString();
  const filters = useMemo(
    () => parse(readFilters(new URLSearchParams(query))),
    [parse, query],
  );

  // Two updates before the next render must compose, not overwrite each other.
  const latest = useRef(searchParams);
  latest.current = searchParams;

  const update = useCallback(
    (next: (current: T) => T) => {
      const params = new URLSearchParams(latest.current);
      const filtersNow = next(parse(readFilters(params)));
      for (const key of Array.from(params.keys())) {
        if (key.startsWith(PREFIX)) {
          params.delete(key);
        }
      }
      for (const [key, value] of Object.entries(
        withoutEmptyValues(filtersNow),
      )) {
        params.set(`${PREFIX}${key}]`, value);
      }
      latest.current = params;
      setSearchParams(params, { replace: true });
    },
    [parse, setSearchParams],
  );

  return [filters, update];
}
