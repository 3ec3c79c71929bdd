import type { Entity } from '@backstage/catalog-model';
import {
  registerMswTestHooks,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  makeCostRow,
  makeCostSeries,
  makeCostSummary,
  serveCost,
} from '../../__testUtils__/cost';
import {
  TEST_BACKEND_URL,
  testApis,
  testMountedRoutesWithEnvironments,
} from '../../__testUtils__/testApp';
import { EntityEnvironmentCostsContent } from './EntityEnvironmentCostsContent';

const NOW = new Date('2026-11-23T12:00:00Z');

function entity(kind: string, name: string, title?: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name, namespace: 'default', title },
    spec: {},
  };
}

function renderFor(subject: Entity) {
  return renderInTestApp(
    <EntityProvider entity={subject}>
      <EntityEnvironmentCostsContent now={NOW} />
    </EntityProvider>,
    { apis: testApis, mountedRoutes: testMountedRoutesWithEnvironments },
  );
}

const teamSummary = makeCostSummary(
  [
    makeCostRow({
      key: 'shop-dev',
      compute: 30,
      idle: 12,
      idleHours: 70,
      savings: 5,
    }),
    makeCostRow({ key: 'shop-staging', compute: 10, idle: 4, idleHours: 10 }),
    makeCostRow({ key: 'shop-pr-7' }),
  ],
  { projectedMonth: 54.3 },
);

describe('EntityEnvironmentCostsContent', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  it("shows the team's totals, idle share, savings, environments and days, for its owner ref", async () => {
    const requests = serveCost(server, {
      summary: () => teamSummary,
      series: () =>
        makeCostSeries(['2026-11-01', '2026-11-02'], {
          'shop-dev': [10, 20],
          'shop-staging': [4, 6],
        }),
    });

    const { container } = renderFor(entity('Group', 'team-shop', 'Team Shop'));

    // The chart's chunk loads lazily: slow on a busy machine.
    await waitFor(
      () => expect(container.querySelectorAll('.recharts-bar')).toHaveLength(2),
      { timeout: 10_000 },
    );
    const total = screen.getByRole('group', { name: 'Total' });
    expect(within(total).getByText('USD 40.00')).toBeInTheDocument();
    expect(
      within(total).getByText('USD 54.30 projected this month'),
    ).toBeInTheDocument();
    const idle = screen.getByRole('group', { name: 'Idle share' });
    // (12 + 4) of 40
    expect(within(idle).getByText('40%')).toBeInTheDocument();
    expect(
      within(idle).getByText('USD 16.00 spent idle, 80 h'),
    ).toBeInTheDocument();
    expect(
      within(
        screen.getByRole('group', { name: 'Savings from auto-stop' }),
      ).getByText('USD 5.00'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Environments of Team Shop by cost, this month'),
    ).toBeInTheDocument();
    expect(screen.getByText('shop-pr-7').closest('a')).toHaveAttribute(
      'href',
      '/environments/shop-pr-7',
    );
    expect(
      screen.getByRole('button', { name: 'All environment costs' }),
    ).toHaveAttribute(
      'href',
      '/environments/costs?filters%5Bowner%5D=group%3Adefault%2Fteam-shop',
    );

    expect(Object.fromEntries(requests.summary[0])).toEqual({
      groupBy: 'environment',
      from: '2026-11-01',
      owner: 'group:default/team-shop',
    });
    // The team's headline figures are explained as the cost page's are.
    await userEvent.click(
      screen.getByRole('button', { name: 'How these figures are computed' }),
    );
    const explained = await screen.findByRole('dialog');
    expect(
      within(explained).getByText(
        /^The cost this month \(USD 40\.00\) is the sum of the 3 environments in the report/,
      ),
    ).toBeInTheDocument();
    expect(
      within(explained).getByText(
        /USD 40\.00 so far ÷ .* hours elapsed × 720 hours in the month = USD 54\.30/,
      ),
    ).toBeInTheDocument();
    await userEvent.click(
      within(explained).getByRole('button', { name: 'Close' }),
    );
    expect(Object.fromEntries(requests.series[0])).toEqual({
      groupBy: 'environment',
      from: '2026-11-01',
      owner: 'group:default/team-shop',
      granularity: 'day',
    });
  });

  it("opens an environment's breakdown from its bar, for the chart's window", async () => {
    serveCost(server, {
      summary: () => teamSummary,
      series: () =>
        makeCostSeries(['2026-11-01', '2026-11-02'], {
          'shop-dev': [10, 20],
          'shop-staging': [4, 6],
        }),
    });
    const breakdowns: URL[] = [];
    server.use(
      http.get(
        `${TEST_BACKEND_URL}/environments/:name/cost/breakdown`,
        ({ request }) => {
          breakdowns.push(new URL(request.url));
          return HttpResponse.json(
            {
              error: { name: 'Error', message: 'not in this test' },
              response: { statusCode: 500 },
            },
            { status: 500 },
          );
        },
      ),
    );
    const { container } = renderFor(entity('Group', 'team-shop', 'Team Shop'));
    // The chart's chunk loads lazily: slow on a busy machine.
    await waitFor(
      () => expect(container.querySelectorAll('.recharts-bar')).toHaveLength(2),
      { timeout: 10_000 },
    );
    // shop-dev's bar of the first day
    const bar = container
      .querySelectorAll('.recharts-bar')[0]
      .querySelectorAll('.recharts-bar-rectangle')[0];
    await userEvent.setup().click(bar.querySelector('path') ?? bar);

    await screen.findByRole('dialog', {
      name: 'How the cost of shop-dev was computed',
    });
    await waitFor(() => expect(breakdowns).toHaveLength(1));
    expect(breakdowns[0].pathname).toMatch(
      /\/environments\/shop-dev\/cost\/breakdown$/,
    );
    expect(Object.fromEntries(breakdowns[0].searchParams)).toEqual({
      from: '2026-11-01T00:00:00.000Z',
      to: '2026-11-02T23:59:59.000Z',
    });
  });

  it('asks for last month when the range changes', async () => {
    const requests = serveCost(server, { summary: () => teamSummary });
    const user = userEvent.setup();

    renderFor(entity('Group', 'team-shop'));
    await screen.findByRole('group', { name: 'Total' });

    await user.selectOptions(screen.getByLabelText('Range'), 'last-month');

    await waitFor(() =>
      expect(
        Object.fromEntries(requests.summary[requests.summary.length - 1]),
      ).toEqual({
        groupBy: 'environment',
        from: '2026-10-01',
        to: '2026-11-01',
        owner: 'group:default/team-shop',
      }),
    );
    await waitFor(() => expect(requests.series).toHaveLength(2));
  });

  it('says so when the team has no cost yet', async () => {
    serveCost(server);

    renderFor(entity('Group', 'team-new'));

    expect(await screen.findByText('No cost yet')).toBeInTheDocument();
    expect(
      screen.getByText(/those of team-new have not run this month/),
    ).toBeInTheDocument();
  });

  it('explains that only Groups own environments', async () => {
    renderFor(entity('Component', 'shop-api'));

    expect(
      await screen.findByText('Environment costs are shown for Groups'),
    ).toBeInTheDocument();
  });
});
