import { screen } from '@testing-library/react';
import { useLocation } from 'react-router-dom';

/**
 * Shows the `filters[…]` the URL holds, read straight from the location so
 * that it changes only when the URL does and never writes it back.
 */
export function UrlFilters() {
  const { search } = useLocation();
  const filters: Record<string, string> = {};
  new URLSearchParams(search).forEach((value, key) => {
    const match = /^filters\[(.+)\]$/.exec(key);
    if (match) {
      filters[match[1]] = value;
    }
  });
  return <output data-testid="url-filters">{JSON.stringify(filters)}</output>;
}

/** The filters {@link UrlFilters} shows. */
export function urlFilters(): Record<string, string> {
  return JSON.parse(screen.getByTestId('url-filters').textContent ?? '{}');
}
