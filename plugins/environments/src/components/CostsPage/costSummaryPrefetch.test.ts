import type { EnvironmentsApi } from '../../api';
import {
  costQueryKey,
  prefetchCostSummary,
  selectedCostQuery,
  takePrefetchedCostSummary,
} from './costSummaryPrefetch';

const now = new Date('2026-11-02T10:30:00Z');

function fakeApi() {
  const getCostSummary = jest.fn(async () => ({ rows: [] } as any));
  return {
    api: { getCostSummary } as unknown as EnvironmentsApi,
    getCostSummary,
  };
}

describe('prefetchCostSummary', () => {
  it("starts the costs page's selected window once, for the page to take once", async () => {
    const { api, getCostSummary } = fakeApi();
    prefetchCostSummary(
      api,
      '/environments',
      {
        pathname: '/environments/costs',
        search: '?filters[range]=last-month&filters[owner]=group:default/a',
      },
      now,
    );
    const query = selectedCostQuery(
      { range: 'last-month', owner: 'group:default/a' },
      now,
    );
    expect(getCostSummary).toHaveBeenCalledWith(query);
    expect(query).toMatchObject({ from: '2026-10-01', to: '2026-11-01' });
    expect(
      takePrefetchedCostSummary(costQueryKey({ ...query, owner: 'x' })),
    ).toBeUndefined();
    await expect(
      takePrefetchedCostSummary(costQueryKey(query)),
    ).resolves.toEqual({ rows: [] });
    expect(takePrefetchedCostSummary(costQueryKey(query))).toBeUndefined();
  });

  it('asks nothing on the other pages', () => {
    const { api, getCostSummary } = fakeApi();
    for (const pathname of [
      '/environments',
      '/environments/shop-dev',
      '/catalog',
    ]) {
      prefetchCostSummary(api, '/environments', { pathname, search: '' }, now);
    }
    expect(getCostSummary).not.toHaveBeenCalled();
  });
});
