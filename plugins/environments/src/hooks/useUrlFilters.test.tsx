import { act, renderHook } from '@testing-library/react';
import { PropsWithChildren } from 'react';
import { MemoryRouter, useLocation } from 'react-router-dom';
import { useUrlFilters } from './useUrlFilters';

type Filters = { type?: string; owner?: string };

function parse(raw: Record<string, string>): Filters {
  const filters: Filters = {};
  if (raw.type) filters.type = raw.type;
  if (raw.owner) filters.owner = raw.owner;
  return filters;
}

function renderFilters(url: string) {
  const wrapper = ({ children }: PropsWithChildren<{}>) => (
    <MemoryRouter initialEntries={[url]}>{children}</MemoryRouter>
  );
  return renderHook(
    () => ({ state: useUrlFilters(parse), location: useLocation() }),
    { wrapper },
  );
}

describe('useUrlFilters', () => {
  it('reads the filters from the URL, ignoring unknown and other parameters', () => {
    const { result } = renderFilters(
      '/list?filters[type]=database&filters[bogus]=x&page=2',
    );
    expect(result.current.state[0]).toEqual({ type: 'database' });
  });

  it('writes at once, keeps other parameters and drops empty values', () => {
    const { result } = renderFilters('/list?page=2&filters[type]=database');

    act(() =>
      result.current.state[1](current => ({
        ...current,
        type: '',
        owner: 'group:default/platform',
      })),
    );

    expect(result.current.state[0]).toEqual({
      owner: 'group:default/platform',
    });
    const params = new URLSearchParams(result.current.location.search);
    expect(params.get('page')).toBe('2');
    expect(params.get('filters[type]')).toBeNull();
    expect(params.get('filters[owner]')).toBe('group:default/platform');
  });

  it('composes updates made before the page renders again', () => {
    const { result } = renderFilters('/list?filters[type]=database');
    const update = result.current.state[1];

    act(() => {
      update(current => ({ ...current, type: undefined }));
      update(current => ({ ...current, owner: 'group:default/platform' }));
    });

    expect(result.current.state[0]).toEqual({
      owner: 'group:default/platform',
    });
  });
});
