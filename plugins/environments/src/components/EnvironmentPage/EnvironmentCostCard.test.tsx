import {
  registerMswTestHooks,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
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
} from '../../__testUtils__/testApp';
import { EnvironmentCostCard } from './EnvironmentCostCard';

const NOW = new Date('2026-11-23T12:00:00Z');

function renderCard() {
  return renderInTestApp(<EnvironmentCostCard name="shop-dev" now={NOW} />, {
    apis: testApis,
    mountedRoutes: testMountedRoutesWithEnvironments,
  });
}

describe('EnvironmentCostCard', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  it("shows the environment's month so far, idle time and cost, savings, cost per day and rates", async () => {
    const requests = serveCost(server, {
      summary: () =>
        makeCostSummary(
          [
            makeCostRow({
              key: 'shop-dev',
              compute: 8,
              storage: 2,
              idle: 2.5,
              idleHours: 36.25,
              savings: 1.2,
            }),
          ],
          { projectedMonth: 13.04 },
        ),
      series: () =>
        makeCostSeries(['2026-11-21', '2026-11-22', '2026-11-23'], {
          'shop-dev': [4, 5, 1],
        }),
    });
    const user = userEvent.setup();

    const { container } = renderCard();

    // Wait for both reports: the figures and the chart's three days.
    await waitFor(() =>
      expect(
        container.querySelectorAll('.recharts-bar-rectangle'),
      ).toHaveLength(3),
    );
    const month = screen.getByRole('group', { name: 'This month so far' });
    expect(within(month).getByText('USD 10.00')).toBeInTheDocument();
    expect(within(month).getByText('USD 13.04 projected')).toBeInTheDocument();
    expect(
      within(screen.getByRole('group', { name: 'Idle hours' })).getByText(
        '36.3 h',
      ),
    ).toBeInTheDocument();
    const idle = screen.getByRole('group', { name: 'Idle cost' });
    expect(within(idle).getByText('USD 2.50')).toBeInTheDocument();
    expect(
      within(idle).getByText("25% of this month's cost"),
    ).toBeInTheDocument();
    expect(
      within(
        screen.getByRole('group', { name: 'Savings from auto-stop' }),
      ).getByText('USD 1.20'),
    ).toBeInTheDocument();
    // Each figure of the month opens the breakdown that adds it up.
    for (const name of [
      'How shop-dev cost USD 10.00 was computed',
      'How the idle cost of shop-dev, USD 2.50, was computed',
      'How the savings from auto-stop of shop-dev, USD 1.20, was computed',
    ]) {
      expect(screen.getByRole('button', { name })).toBeInTheDocument();
    }

    expect(
      screen.getByText(/Cost per UTC day in USD, 2026-11-21 to 2026-11-23/),
    ).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Rates (USD)' }));
    expect(screen.getByText('USD 0.031611')).toBeInTheDocument();

    expect(Object.fromEntries(requests.summary[0])).toEqual({
      groupBy: 'environment',
      from: '2026-11-01',
      environment: 'shop-dev',
    });
    expect(Object.fromEntries(requests.series[0])).toEqual({
      groupBy: 'environment',
      from: '2026-11-01',
      environment: 'shop-dev',
      granularity: 'day',
    });
    expect(
      screen.getByRole('link', { name: /All environment costs/ }),
    ).toHaveAttribute('href', '/environments/costs');
  });

  it('says so in the card when the cost cannot be loaded', async () => {
    serveCost(server, {
      summary: () => new Error('The ledger is unavailable'),
    });

    renderCard();

    expect(
      await screen.findByText(
        /The cost could not be loaded: The ledger is unavailable/,
      ),
    ).toBeInTheDocument();
  });

  it('shows what sharing its base saved against a full clone', async () => {
    serveCost(server, {
      summary: () => makeCostSummary([makeCostRow({ key: 'shop-dev' })]),
      sharing: name => ({
        environment: name,
        base: 'staging',
        from: '2026-11-01T00:00:00.000Z',
        to: '2026-11-23T12:00:00.000Z',
        currency: 'USD',
        runningHours: 40,
        saved: { total: 31.5, compute: 30, storage: 1.5, database: 0 },
        services: [
          { name: 'orders-api', saved: 20 },
          { name: 'search', saved: 11.5 },
        ],
      }),
    });
    renderCard();
    const shared = await screen.findByRole('group', {
      name: 'Saved by sharing',
    });
    expect(within(shared).getByText('USD 31.50')).toBeInTheDocument();
    expect(
      within(shared).getByText(
        'against a full clone: 2 services of staging not deployed',
      ),
    ).toBeInTheDocument();

    await userEvent.setup().click(
      within(shared).getByRole('button', {
        name: 'How sharing staging saved USD 31.50',
      }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'What sharing staging saved',
    });
    expect(
      within(dialog).getByText(
        'shop-dev uses the services below from staging instead of running its own copies. Over the 40 h it ran from 2026-11-01 00:00 to 2026-11-23 12:00 (UTC), each would have cost what a full clone reserves for it (compute, storage and database at the cost rates): USD 31.50 in all, compute USD 30.00 + storage USD 1.50 + database USD 0.00.',
      ),
    ).toBeInTheDocument();
    expect(
      within(within(dialog).getByRole('table', { name: 'Shared services' }))
        .getAllByRole('row')
        .map(row => row.textContent),
    ).toEqual([
      'ServiceSaved',
      'orders-apiUSD 20.00',
      'searchUSD 11.50',
      'SumUSD 31.50',
    ]);
  });
});
