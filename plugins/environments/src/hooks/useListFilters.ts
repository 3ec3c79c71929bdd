import { useCallback, useRef, useState } from 'react';
import { useUrlFilters } from './useUrlFilters';

/**
 * The filters of a list page, kept in the URL: `update` merges a change,
 * `clear` drops them all. `key` changes on clear; give it to the filter
 * inputs so they remount and drop search text still being typed.
 *
 * @param parse - as for {@link useUrlFilters}, a module-level function.
 * @param onChange - called after each change, e.g. to go back to page one.
 */
export function useListFilters<T extends object>(
  parse: (raw: Record<string, string>) => T,
  onChange?: () => void,
) {
  const [filters, setFilters] = useUrlFilters(parse);
  const [key, setKey] = useState(0);
  const changed = useRef(onChange);
  changed.current = onChange;

  const update = useCallback(
    (patch: Partial<T>) => {
      setFilters(current => ({ ...current, ...patch }));
      changed.current?.();
    },
    [setFilters],
  );

  const clear = useCallback(() => {
    setFilters(() => ({}) as T);
    changed.current?.();
    setKey(previous => previous + 1);
  }, [setFilters]);

  return { filters, update, clear, key };
}
