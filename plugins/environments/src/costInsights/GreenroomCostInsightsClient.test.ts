import { mockApis, registerMswTestHooks } from '@backstage/frontend-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { EnvironmentsClient } from '../api';
import { TEST_BACKEND_URL } from '../__testUtils__/testApp';
import alertsSummary from './__fixtures__/alerts-summary.json';
import expectedAlerts from './__fixtures__/alerts.json';
import expectedGroupCost from './__fixtures__/group-cost.json';
import groupSeries from './__fixtures__/group-series.json';
import expectedProductInsights from './__fixtures__/product-insights.json';
import productSummaryLast from './__fixtures__/product-summary-last.json';
import productSummaryPrevious from './__fixtures__/product-summary-previous.json';
import expectedProjectCost from './__fixtures__/project-cost.json';
import projectSeries from './__fixtures__/project-series.json';
import {
  GreenroomCostInsightsClient,
  toCostInsightsId,
  toEntityRef,
} from './GreenroomCostInsightsClient';
import type { Cost } from './types';

const NOW = new Date('2026-11-23T12:00:00Z');

/** Equal to the recorded Cost, the trendline to floating-point precision. */
function expectCost(actual: Cost, expected: Cost) {
  const { trendline, ...rest } = actual;
  const { trendline: expectedTrendline, ...expectedRest } = expected;
  expect(rest).toEqual(expectedRest);
  expect(trendline!.slope).toBeCloseTo(expectedTrendline!.slope, 15);
  expect(trendline!.intercept).toBeCloseTo(expectedTrendline!.intercept, 6);
}

describe('GreenroomCostInsightsClient', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  const getEntities = jest.fn();
  const client = new GreenroomCostInsightsClient({
    environmentsApi: new EnvironmentsClient({
      discoveryApi: mockApis.discovery({ baseUrl: 'http://backstage.test' }),
      fetchApi: mockApis.fetch(),
    }),
    catalogApi: { getEntities },
    now: () => NOW,
  });

  /** Answers each path with the fixture `answer` picks for its query; records the queries. */
  function serve(
    path: '/cost/series' | '/cost/summary',
    answer: (params: URLSearchParams) => object,
  ): Array<Record<string, string>> {
    const queries: Array<Record<string, string>> = [];
    server.use(
      http.get(`${TEST_BACKEND_URL}${path}`, ({ request }) => {
        const params = new URL(request.url).searchParams;
        queries.push(Object.fromEntries(params));
        return HttpResponse.json(answer(params));
      }),
    );
    return queries;
  }

  afterEach(() => getEntities.mockReset());

  it('maps ids and entity refs both ways', () => {
    expect(toEntityRef('team-shop', 'group')).toBe('group:default/team-shop');
    expect(toEntityRef('ops/team-db', 'group')).toBe('group:ops/team-db');
    expect(toEntityRef('group:default/team-shop', 'group')).toBe(
      'group:default/team-shop',
    );
    expect(toCostInsightsId('group:default/team-shop')).toBe('team-shop');
    expect(toCostInsightsId('system:ops/db')).toBe('ops/db');
  });

  it('reports yesterday as the last complete billing day', async () => {
    await expect(client.getLastCompleteBillingDate()).resolves.toBe(
      '2026-11-22',
    );
  });

  it("turns a group's series into its daily Cost, by system", async () => {
    const queries = serve('/cost/series', () => groupSeries);

    const cost = await client.getGroupDailyCost(
      'team-shop',
      'R2/P2D/2026-11-05',
    );

    expectCost(cost, expectedGroupCost);
    expect(queries).toEqual([
      {
        owner: 'group:default/team-shop',
        groupBy: 'system',
        from: '2026-11-01',
        to: '2026-11-05',
        granularity: 'day',
      },
    ]);
  });

  it("turns a system's series into the project's daily Cost, by environment", async () => {
    const queries = serve('/cost/series', () => projectSeries);

    const cost = await client.getProjectDailyCost('shop', 'R3/P1D/2026-11-04');

    expectCost(cost, expectedProjectCost);
    expect(queries[0]).toEqual({
      system: 'system:default/shop',
      groupBy: 'environment',
      from: '2026-11-01',
      to: '2026-11-04',
      granularity: 'day',
    });
  });

  it('reports the daily cost of Group, System and Environment entities only', async () => {
    const queries = serve('/cost/series', () => projectSeries);

    const cost = await client.getCatalogEntityDailyCost(
      'system:default/shop',
      'R3/P1D/2026-11-04',
    );
    await client.getCatalogEntityDailyCost(
      'environment:default/shop-dev',
      'R3/P1D/2026-11-04',
    );

    expectCost(cost, { ...expectedProjectCost, id: 'system:default/shop' });
    expect(queries.map(q => q.system ?? q.environment)).toEqual([
      'system:default/shop',
      'shop-dev',
    ]);
    await expect(
      client.getCatalogEntityDailyCost(
        'component:default/shop-api',
        'R3/P1D/2026-11-04',
      ),
    ).rejects.toThrow(
      'Greenroom reports cost for Groups, Systems and Environments, not component',
    );
  });

  it('compares a product over the last two periods, by environment', async () => {
    const queries = serve('/cost/summary', params =>
      params.get('from') === '2026-09-01'
        ? productSummaryPrevious
        : productSummaryLast,
    );

    const entity = await client.getProductInsights({
      product: 'idle',
      group: 'team-shop',
      intervals: 'R2/P1M/2026-11-01',
      project: null,
    });

    expect(entity).toEqual(expectedProductInsights);
    expect(queries).toEqual(
      expect.arrayContaining([
        {
          groupBy: 'environment',
          from: '2026-09-01',
          to: '2026-10-01',
          owner: 'group:default/team-shop',
        },
        {
          groupBy: 'environment',
          from: '2026-10-01',
          to: '2026-11-01',
          owner: 'group:default/team-shop',
        },
      ]),
    );
  });

  it('filters product insights by project and reads unknown products as the total', async () => {
    const queries = serve('/cost/summary', params =>
      params.get('from') === '2026-09-01'
        ? productSummaryPrevious
        : productSummaryLast,
    );

    const entity = await client.getProductInsights({
      product: 'computeEngine',
      group: 'team-shop',
      intervals: 'R2/P1M/2026-11-01',
      project: 'shop',
    });

    // Totals: 10 + 5 = 15 in September, 12 + 2 + 5 = 19 in October.
    expect(entity.id).toBe('computeEngine');
    expect(entity.aggregation).toEqual([15, 19]);
    expect(entity.entities.environment.map(e => e.id)).toEqual([
      'shop-dev',
      'shop-staging',
      'shop-pr-7',
    ]);
    expect(queries.every(q => q.system === 'system:default/shop')).toBe(true);
  });

  it('raises an idle-waste action item above 20% idle', async () => {
    const queries = serve('/cost/summary', () => alertsSummary);

    await expect(client.getAlerts('team-shop')).resolves.toEqual(
      expectedAlerts,
    );
    expect(queries).toEqual([
      { groupBy: 'environment', owner: 'group:default/team-shop' },
    ]);
  });

  it('raises none at 20% idle or less', async () => {
    serve('/cost/summary', () => ({
      ...alertsSummary,
      totals: { ...alertsSummary.totals, idle: 8 },
    }));

    await expect(client.getAlerts('team-shop')).resolves.toEqual([]);
  });

  it("lists the user's groups from the catalog's hasMember relations", async () => {
    getEntities.mockResolvedValue({
      items: [
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Group',
          metadata: { name: 'team-shop', namespace: 'default', title: 'Shop' },
        },
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Group',
          metadata: { name: 'dba', namespace: 'ops' },
        },
      ],
    });

    await expect(client.getUserGroups('user:default/Ada')).resolves.toEqual([
      { id: 'ops/dba', name: 'dba' },
      { id: 'team-shop', name: 'Shop' },
    ]);
    expect(getEntities).toHaveBeenCalledWith(
      expect.objectContaining({
        filter: { kind: 'Group', 'relations.hasMember': 'user:default/ada' },
      }),
    );
    await client.getUserGroups('ada');
    expect(getEntities.mock.calls[1][0].filter['relations.hasMember']).toBe(
      'user:default/ada',
    );
  });

  it("lists a group's systems as its projects", async () => {
    const queries = serve('/cost/summary', () => ({
      ...alertsSummary,
      groupBy: 'system',
      rows: [
        { ...alertsSummary.rows[0], key: 'system:default/shop' },
        { ...alertsSummary.rows[1], key: 'system:default/payments' },
      ],
    }));

    await expect(client.getGroupProjects('team-shop')).resolves.toEqual([
      { id: 'payments' },
      { id: 'shop' },
    ]);
    expect(queries).toEqual([
      { groupBy: 'system', owner: 'group:default/team-shop' },
    ]);
  });

  it('has no business metrics', async () => {
    await expect(
      client.getDailyMetricData('daily-users', 'R2/P30D/2026-11-01'),
    ).resolves.toEqual({
      id: 'daily-users',
      format: 'number',
      aggregation: [],
      change: { amount: 0 },
    });
  });
});
