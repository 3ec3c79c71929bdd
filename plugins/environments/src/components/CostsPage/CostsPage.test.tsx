import {
  registerMswTestHooks,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { setupServer } from 'msw/node';
import {
  makeCostRow,
  makeCostSeries,
  makeCostSummary,
  serveCost,
} from '../../__testUtils__/cost';
import {
  testApis,
  testMountedRoutesWithEnvironments,
  TEST_BACKEND_URL,
} from '../../__testUtils__/testApp';
import { UrlFilters, urlFilters } from '../../__testUtils__/urlFilters';
import type { CostSummaryResponse } from '../../api';
import { CostsPage } from './CostsPage';

const NOW = new Date('2026-11-23T12:00:00Z');

function group(name: string) {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: 'default' },
    spec: { type: 'team', children: [] },
  };
}

/** This month so far: 40.00 in all, 10.00 of it idle, 4.00 saved. */
const thisMonth = makeCostSummary(
  [
    makeCostRow({
      key: 'shop-dev',
      compute: 20,
      storage: 4,
      database: 6,
      idle: 7.5,
      idleHours: 40,
      savings: 3,
    }),
    makeCostRow({
      key: 'shop-pr-42',
      compute: 9,
      storage: 1,
      idle: 2.5,
      idleHours: 2,
      savings: 1,
    }),
    makeCostRow({ key: 'never-ran' }),
  ],
  { projectedMonth: 55 },
);

/** Last month: 50.00, 5.00 of it idle. */
const lastMonth = makeCostSummary(
  [makeCostRow({ key: 'shop-dev', compute: 50, idle: 5, savings: 8 })],
  { from: '2026-10-01T00:00:00.000Z', to: '2026-11-01T00:00:00.000Z' },
);

function summaries(params: URLSearchParams): CostSummaryResponse {
  if (params.get('from') === '2026-11-01' && !params.has('to')) {
    return thisMonth;
  }
  if (
    params.get('from') === '2026-10-01' &&
    params.get('to') === '2026-11-01'
  ) {
    return lastMonth;
  }
  return makeCostSummary([makeCostRow({ key: 'shop-dev', compute: 1 })]);
}

const series = makeCostSeries(
  ['2026-11-01', '2026-11-02'],
  {
    'group:default/team-shop': [10, 20],
    'group:default/team-payments': [5, 5],
  },
  'owner',
);

function renderPage(url = '/environments/costs') {
  return renderInTestApp(
    <>
      <CostsPage now={NOW} />
      <UrlFilters />
    </>,
    {
      apis: [
        ...testApis,
        [
          catalogApiRef,
          catalogApiMock({
            entities: [group('team-shop'), group('team-payments')],
          }),
        ],
      ] as const,
      mountedRoutes: testMountedRoutesWithEnvironments,
      initialRouteEntries: [url],
    },
  );
}

function figure(label: string): HTMLElement {
  return screen.getByRole('group', { name: label });
}

describe('CostsPage', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  it('shows this month against last month, the projection, idle waste and savings', async () => {
    const requests = serveCost(server, {
      summary: summaries,
      series: () => series,
    });

    renderPage();

    expect(
      screen.getByRole('heading', { name: 'Environment costs' }),
    ).toBeInTheDocument();
    await screen.findByText('Top spenders');

    const current = figure('This month so far');
    expect(within(current).getByText('USD 40.00')).toBeInTheDocument();
    // (40 - 50) / 50
    expect(within(current).getByText('-20% vs last month')).toBeInTheDocument();
    expect(
      within(figure('Last month')).getByText('USD 50.00'),
    ).toBeInTheDocument();
    expect(
      within(figure('Projected month')).getByText('USD 55.00'),
    ).toBeInTheDocument();
    const idle = figure('Idle waste');
    expect(within(idle).getByText('USD 10.00')).toBeInTheDocument();
    // 10 of 40, and 40 + 2 idle hours
    expect(
      within(idle).getByText('25% of the total this month, 42 h idle'),
    ).toBeInTheDocument();
    expect(
      within(figure('Savings from auto-stop')).getByText('USD 4.00'),
    ).toBeInTheDocument();
    // No environment shares a base: no such figure.
    expect(
      screen.queryByRole('group', { name: 'Saved by sharing' }),
    ).not.toBeInTheDocument();

    // The selected range is this month: two summaries, not three; the
    // table's rows of this month, only the totals of last month.
    expect(requests.summary.map(p => Object.fromEntries(p))).toEqual(
      expect.arrayContaining([
        { groupBy: 'environment', from: '2026-11-01', limit: '100' },
        {
          groupBy: 'environment',
          from: '2026-10-01',
          to: '2026-11-01',
          limit: '1',
        },
      ]),
    );
    expect(requests.summary).toHaveLength(2);
    expect(Object.fromEntries(requests.series[0])).toEqual({
      groupBy: 'owner',
      from: '2026-11-01',
      granularity: 'day',
    });
  });

  it('explains how the headline figures are computed, with the rates and their source', async () => {
    serveCost(server, {
      summary: summaries,
      series: () => series,
    });
    renderPage();
    await screen.findByText('Top spenders');

    await userEvent.click(
      screen.getByRole('button', { name: 'How these figures are computed' }),
    );
    const dialog = await screen.findByRole('dialog');
    expect(
      within(dialog).getByText(
        /^The cost this month \(USD 40\.00\) is the sum of the 3 environments in the report/,
      ),
    ).toBeInTheDocument();
    // 2026-11-01 to 2026-11-23T12:00Z: 540 hours of November's 720.
    expect(
      within(dialog).getByText(
        'Projected month: USD 40.00 so far ÷ 540 hours elapsed × 720 hours in the month = USD 55.00.',
      ),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByText(/^Idle waste \(USD 10\.00\)/),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByText(/^Savings from auto-stop \(USD 4\.00\)/),
    ).toBeInTheDocument();
    expect(within(dialog).getByText(/CPU core-hour/i)).toBeInTheDocument();
  });

  it('shows what sharing a base saved, only when environments share one', async () => {
    serveCost(server, {
      summary: summaries,
      series: () => series,
      sharingTotals: () => ({
        from: '2026-11-01T00:00:00.000Z',
        to: '2026-11-23T12:00:00.000Z',
        currency: 'USD',
        saved: { total: 12.5, compute: 12, storage: 0.5, database: 0 },
        environments: [
          { environment: 'pr-7', base: 'staging', saved: 8 },
          { environment: 'pr-9', base: 'staging', saved: 4.5 },
        ],
      }),
    });
    renderPage();
    const shared = await screen.findByRole('group', {
      name: 'Saved by sharing',
    });
    expect(within(shared).getByText('USD 12.50')).toBeInTheDocument();
    expect(
      within(shared).getByText(
        '2 environments share a base instead of full clones, this month',
      ),
    ).toBeInTheDocument();

    await userEvent.click(
      screen.getByRole('button', { name: 'How these figures are computed' }),
    );
    expect(
      await within(await screen.findByRole('dialog')).findByText(
        "Saved by sharing (USD 12.50): for each of the 2 environments that share a base instead of cloning it fully, what its shared services would have cost in a full clone over the hours it ran, at the rates below. Each environment's page lists its shared services.",
      ),
    ).toBeInTheDocument();
  });

  it('asks for the 100 highest spenders only and says how many there are in all', async () => {
    // Lowest first, as no report is: the page must not rely on the order.
    const many = makeCostSummary(
      Array.from({ length: 150 }, (_, i) =>
        makeCostRow({
          key: `env-${String(149 - i).padStart(3, '0')}`,
          compute: 150 - i,
        }),
      ),
    );
    serveCost(server, { summary: () => many, series: () => series });

    renderPage();

    expect(
      await screen.findByText(
        'Environments by cost, this month: the 100 highest of 150 (the CSV download has every one)',
      ),
    ).toBeInTheDocument();
    expect(screen.getAllByText('1-20 of 100').length).toBeGreaterThan(0);
    // The totals are over all 150 rows: 150 + 149 + ... + 1.
    expect(
      within(figure('This month so far')).getByText('USD 11325.00'),
    ).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', { name: 'How these figures are computed' }),
    );
    expect(
      within(await screen.findByRole('dialog')).getByText(
        /the sum of the 150 environments in the report/,
      ),
    ).toBeInTheDocument();
  });

  it('lists the top spenders with idle and savings, linked to their pages', async () => {
    serveCost(server, { summary: summaries, series: () => series });

    renderPage();

    const link = (await screen.findByText('shop-dev')).closest('a');
    expect(link).toHaveAttribute('href', '/environments/shop-dev');
    const row = screen.getByText('shop-dev').closest('tr')!;
    expect(within(row).getByText('USD 30.00')).toBeInTheDocument();
    expect(within(row).getByText('USD 7.50 (25%)')).toBeInTheDocument();
    expect(within(row).getByText('40 h')).toBeInTheDocument();
    expect(within(row).getByText('USD 3.00')).toBeInTheDocument();
    expect(
      screen.getByRole('columnheader', { name: 'Idle hours' }),
    ).toBeInTheDocument();
    // An environment that cost nothing is no spender.
    expect(screen.queryByText('never-ran')).not.toBeInTheDocument();
  });

  it('draws the series stacked by team and asks again when grouped by system', async () => {
    const requests = serveCost(server, {
      summary: summaries,
      series: params =>
        params.get('groupBy') === 'system'
          ? makeCostSeries(
              ['2026-11-01', '2026-11-02'],
              { 'system:default/shop': [15, 25] },
              'system',
            )
          : series,
    });
    const user = userEvent.setup();

    const { container } = renderPage();
    await screen.findByText('Top spenders');
    await waitFor(() =>
      expect(container.querySelectorAll('.recharts-bar')).toHaveLength(2),
    );
    expect(screen.getByRole('button', { name: 'Team' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );

    await user.click(screen.getByRole('button', { name: 'System' }));

    await waitFor(() =>
      expect(
        Object.fromEntries(requests.series[requests.series.length - 1]),
      ).toEqual({ groupBy: 'system', from: '2026-11-01', granularity: 'day' }),
    );
    await waitFor(() =>
      expect(container.querySelectorAll('.recharts-bar')).toHaveLength(1),
    );
    await waitFor(() => expect(urlFilters()).toEqual({ groupBy: 'system' }));
  });

  it("explains a team's total and a bar: the sum of its environments, each opening its own breakdown", async () => {
    const requests = serveCost(server, {
      summary: summaries,
      series: params =>
        params.get('groupBy') === 'environment' &&
        params.get('owner') === 'group:default/team-shop'
          ? makeCostSeries(['2026-11-01', '2026-11-02'], {
              'shop-dev': [6, 12],
              'shop-pr-42': [4, 8],
            })
          : series,
    });
    const user = userEvent.setup();
    const { container } = renderPage();
    await screen.findByText('Top spenders');

    // The team's total over the window, without a pointer on the chart.
    await user.click(
      await screen.findByRole('button', {
        name: 'How team-shop cost USD 30.00 was computed',
      }),
    );
    let dialog = await screen.findByRole('dialog', {
      name: 'How the cost of team-shop was computed',
    });
    await within(dialog).findByText(
      'team-shop cost USD 30.00 from 2026-11-01 to 2026-11-02 (UTC days): the sum of its 2 environments below. Each total opens its own intervals and rates.',
    );
    expect(
      Object.fromEntries(requests.series[requests.series.length - 1]),
    ).toEqual({
      groupBy: 'environment',
      owner: 'group:default/team-shop',
      from: '2026-11-01T00:00:00.000Z',
      to: '2026-11-02T23:59:59.000Z',
      granularity: 'day',
    });
    const table = within(dialog).getByRole('table', {
      name: 'Environments of team-shop',
    });
    expect(
      within(table)
        .getAllByRole('row')
        .map(row => row.textContent),
    ).toEqual([
      'EnvironmentTotal',
      'shop-devUSD 18.00',
      'shop-pr-42USD 12.00',
      'SumUSD 30.00',
    ]);
    // Each environment's figure opens how it was computed.
    expect(
      within(dialog).getByRole('button', {
        name: 'How shop-dev cost USD 18.00 was computed',
      }),
    ).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Close' }));
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );

    // A bar of one day: the same environments on that day.
    const bars = container.querySelectorAll(
      '.recharts-bar-rectangle path, .recharts-bar-rectangle',
    );
    expect(bars.length).toBeGreaterThan(0);
    // team-shop's bars come first (the series is sorted by total); the second is 2026-11-02.
    const teamShopBars = container
      .querySelectorAll('.recharts-bar')[0]
      .querySelectorAll('.recharts-bar-rectangle');
    await user.click(teamShopBars[1].querySelector('path') ?? teamShopBars[1]);
    dialog = await screen.findByRole('dialog', {
      name: 'How the cost of team-shop was computed',
    });
    await within(dialog).findByText(
      "The bar of 2026-11-02 is USD 20.00: the same environments' cost on that UTC day.",
    );
    expect(
      within(
        within(dialog).getByRole('table', {
          name: 'Environments of team-shop',
        }),
      )
        .getAllByRole('row')
        .map(row => row.textContent),
    ).toEqual([
      'EnvironmentOn 2026-11-02Total',
      'shop-devUSD 12.00USD 18.00',
      'shop-pr-42USD 8.00USD 12.00',
      'SumUSD 20.00USD 30.00',
    ]);
  });

  it('explains "Other" as the groups without a bar of their own, each opening its environments', async () => {
    const teams = Object.fromEntries(
      Array.from({ length: 10 }, (_, i) => [
        `group:default/team-${String.fromCharCode(97 + i)}`,
        [20 - i, 1],
      ]),
    );
    serveCost(server, {
      summary: summaries,
      series: params =>
        params.get('groupBy') === 'environment'
          ? makeCostSeries(['2026-11-01', '2026-11-02'], {
              [`${params.get('owner')?.slice(14)}-dev`]: [12, 1],
            })
          : makeCostSeries(['2026-11-01', '2026-11-02'], teams, 'owner'),
    });
    const user = userEvent.setup();
    renderPage();
    await screen.findByText('Top spenders');

    // team-i (12 + 1) and team-j (11 + 1) have no bar of their own.
    await user.click(
      await screen.findByRole('button', {
        name: 'How Other cost USD 25.00 was computed',
      }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'How the cost of Other was computed',
    });
    expect(
      within(within(dialog).getByRole('table', { name: 'Groups in Other' }))
        .getAllByRole('row')
        .map(row => row.textContent),
    ).toEqual([
      'GroupTotal',
      'team-iUSD 13.00',
      'team-jUSD 12.00',
      'SumUSD 25.00',
    ]);

    await user.click(within(dialog).getByRole('button', { name: 'team-j' }));
    const teamDialog = await screen.findByRole('dialog', {
      name: 'How the cost of team-j was computed',
    });
    await within(teamDialog).findByText(
      'team-j cost USD 13.00 from 2026-11-01 to 2026-11-02 (UTC days): the cost of its one environment below. Its total opens its own intervals and rates.',
    );
    await within(teamDialog).findByRole('button', {
      name: 'How team-j-dev cost USD 13.00 was computed',
    });
    await user.click(
      within(teamDialog).getByRole('button', { name: 'Back to Other' }),
    );
    await screen.findByRole('dialog', {
      name: 'How the cost of Other was computed',
    });
  });

  it('reads range and owner from the URL and sends them with every request and the CSV link', async () => {
    const requests = serveCost(server, {
      summary: summaries,
      series: () => series,
    });

    renderPage(
      '/environments/costs?filters[range]=last-month&filters[owner]=group:default/team-shop',
    );

    await screen.findByText('Top spenders');
    expect(screen.getByLabelText('Range')).toHaveValue('last-month');
    expect(screen.getByLabelText('Owner')).toHaveValue(
      'group:default/team-shop',
    );
    for (const params of requests.summary) {
      expect(params.get('owner')).toBe('group:default/team-shop');
    }
    expect(Object.fromEntries(requests.series[0])).toEqual({
      groupBy: 'owner',
      from: '2026-10-01',
      to: '2026-11-01',
      owner: 'group:default/team-shop',
      granularity: 'day',
    });
    // Idle and savings are last month's.
    expect(
      within(figure('Idle waste')).getByText('10% of the total last month'),
    ).toBeInTheDocument();
    expect(
      within(figure('Savings from auto-stop')).getByText('USD 8.00'),
    ).toBeInTheDocument();

    const csv = await screen.findByRole('link', { name: /Download CSV/ });
    await waitFor(() =>
      expect(csv).toHaveAttribute(
        'href',
        `${TEST_BACKEND_URL}/cost/export.csv?groupBy=environment&from=2026-10-01&to=2026-11-01&owner=group%3Adefault%2Fteam-shop`,
      ),
    );
  });

  it('keeps a custom range and the owner chosen from the catalog groups in the URL', async () => {
    const requests = serveCost(server, {
      summary: summaries,
      series: () => series,
    });
    const user = userEvent.setup();

    renderPage();
    await screen.findByText('Top spenders');

    await user.selectOptions(screen.getByLabelText('Owner'), 'team-payments');
    await waitFor(() =>
      expect(urlFilters()).toEqual({ owner: 'group:default/team-payments' }),
    );

    await user.selectOptions(screen.getByLabelText('Range'), 'custom');
    await user.type(screen.getByLabelText('From'), '2026-09-15');
    await user.type(screen.getByLabelText('To (inclusive)'), '2026-09-30');

    await waitFor(() =>
      expect(urlFilters()).toEqual({
        owner: 'group:default/team-payments',
        range: 'custom',
        from: '2026-09-15',
        to: '2026-09-30',
      }),
    );
    // The API's window ends the day after the last day shown.
    await waitFor(() =>
      expect(
        Object.fromEntries(requests.series[requests.series.length - 1]),
      ).toEqual({
        groupBy: 'owner',
        from: '2026-09-15',
        to: '2026-10-01',
        owner: 'group:default/team-payments',
        granularity: 'day',
      }),
    );
    expect(
      await screen.findByRole('link', { name: /Download CSV/ }),
    ).toHaveAttribute(
      'href',
      `${TEST_BACKEND_URL}/cost/export.csv?groupBy=environment&from=2026-09-15&to=2026-10-01&owner=group%3Adefault%2Fteam-payments`,
    );
  });

  it('shows every rate and how a figure is recomputed', async () => {
    serveCost(server, { summary: summaries, series: () => series });
    const user = userEvent.setup();

    renderPage();
    await user.click(
      await screen.findByRole('button', { name: 'Rates (USD)' }),
    );

    const rates = screen.getByRole('table', { name: 'Rates' });
    for (const [rate, price] of [
      ['CPU core-hour', 'USD 0.031611'],
      ['Memory GB-hour', 'USD 0.004237'],
      ['Storage GB-hour (also while stopped)', 'USD 0.0000548'],
      ['Database db.t4g.medium per hour', 'USD 0.065'],
      ['Database db.m6g.large per hour', 'USD 0.152'],
    ]) {
      const row = within(rates).getByText(rate).closest('tr')!;
      expect(within(row).getByText(price)).toBeInTheDocument();
    }
    expect(
      screen.getByText(/cost = running hours × \(CPU cores × CPU rate/),
    ).toBeInTheDocument();
  });

  it('shows where the figures come from: the cluster, the estimate, and days that fell back', async () => {
    serveCost(server, {
      summary: params => ({
        ...summaries(params),
        source: 'estimate+opencost',
        sourceFallbackDays: ['2026-11-20'],
      }),
      series: () => series,
    });
    const user = userEvent.setup();

    renderPage();
    const panel = await screen.findByRole('button', { name: /^Rates \(USD\)/ });
    // Said while the panel is closed, next to its title.
    expect(panel).toHaveTextContent(
      "Source: estimate from these rates, OpenCost (the cluster's cost of each namespace)",
    );
    await user.click(panel);
    expect(
      screen.getByText(
        /Kubernetes environments show the cost the cluster allocated/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'The cluster cost source could not be read for 2026-11-20: those days show the estimate until the next hourly rollup reads them.',
      ),
    ).toBeInTheDocument();
  });

  it('says when nothing has cost anything yet', async () => {
    serveCost(server, {
      summary: () => makeCostSummary([makeCostRow({ key: 'shop-dev' })]),
      series: () => makeCostSeries(['2026-11-01'], { 'shop-dev': [0] }),
    });

    renderPage();

    expect(await screen.findByText('No cost yet')).toBeInTheDocument();
    expect(
      screen.getByText('Environments start accruing cost once they run.'),
    ).toBeInTheDocument();
  });

  it('shows the backend error and retries', async () => {
    let fail = true;
    serveCost(server, {
      summary: params =>
        fail ? new Error('The ledger is unavailable') : summaries(params),
      series: () => series,
    });
    const user = userEvent.setup();

    renderPage();

    expect(
      await screen.findByText(/The ledger is unavailable/),
    ).toBeInTheDocument();
    fail = false;
    await user.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText('Top spenders')).toBeInTheDocument();
  });
});
