import { useEffect, useState } from 'react';

/**
 * Remembers every value seen so far, sorted, so that the options of a filter
 * do not shrink as the list is filtered.
 */
export function useSeenValues(values: Array<string | undefined>): string[] {
  const [seen, setSeen] = useState<string[]>([]);
  const key = values.filter(Boolean).join('\n');
  useEffect(() => {
    if (!key) {
      return;
    }
    setSeen(previous => {
      const merged = new Set([...previous, ...key.split('\n')]);
      return merged.size === previous.length
        ? previous
        : Array.from(merged).sort();
    });
  }, [key]);
  return seen;
}
