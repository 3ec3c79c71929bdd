import {
  registerMswTestHooks,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import type { ApiCostBreakdown } from '@greenroom/plugin-environments-common';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { testRates } from '../../__testUtils__/cost';
import {
  TEST_BACKEND_URL,
  testApis,
  testMountedRoutesWithEnvironments,
} from '../../__testUtils__/testApp';
import { CostBreakdownButton } from './CostBreakdownButton';

const rates = { ...testRates, cpuCoreHour: 0.0316, memoryGbHour: 0.004 };

function makeBreakdown(
  overrides: Partial<ApiCostBreakdown> = {},
): ApiCostBreakdown {
  return {
    environment: 'shop-dev',
    from: '2026-11-01T00:00:00.000Z',
    to: '2026-11-23T12:00:00.000Z',
    currency: 'USD',
    rates,
    source: 'estimate',
    intervals: [
      {
        service: 'web',
        state: 'running',
        startedAt: '2026-11-01T00:00:00.000Z',
        endedAt: '2026-11-23T12:00:00.000Z',
        open: true,
        cpuCores: 2,
        memoryGb: 0,
        storageGb: 0,
        hourly: { compute: 0.0632, storage: 0, database: 0 },
        cost: {
          total: 34.128,
          compute: 34.128,
          storage: 0,
          database: 0,
          hours: 540,
        },
        idle: {
          total: 6.32,
          compute: 6.32,
          storage: 0,
          database: 0,
          hours: 100,
        },
        saved: { total: 0, compute: 0, storage: 0, database: 0, hours: 0 },
      },
      {
        service: 'db',
        state: 'stopped',
        reason: 'auto-stop',
        startedAt: '2026-11-02T06:00:00.000Z',
        endedAt: '2026-11-02T18:00:00.000Z',
        open: false,
        cpuCores: 1,
        memoryGb: 2,
        storageGb: 10,
        instanceClass: 'db.t4g.micro',
        hourly: { compute: 0.0396, storage: 0.000548, database: 0.016 },
        cost: {
          total: 0.0066,
          compute: 0,
          storage: 0.0066,
          database: 0,
          hours: 12,
        },
        idle: { total: 0, compute: 0, storage: 0, database: 0, hours: 0 },
        // 12 h × (compute 0.0396 + database 0.016)
        saved: {
          total: 0.6672,
          compute: 0.4752,
          storage: 0,
          database: 0.192,
          hours: 12,
        },
      },
    ],
    intervalCount: 2,
    truncated: false,
    totals: {
      total: 34.1346,
      compute: 34.128,
      storage: 0.0066,
      database: 0,
      hours: 552,
    },
    idle: { total: 6.32, compute: 6.32, storage: 0, database: 0, hours: 100 },
    savings: {
      total: 0.6672,
      compute: 0.4752,
      storage: 0,
      database: 0.192,
      hours: 12,
    },
    idleAfterMs: 2 * 60 * 60 * 1000,
    unpricedInstanceClasses: [],
    ...overrides,
  };
}

function serveBreakdown(
  server: ReturnType<typeof setupServer>,
  answer: () => ApiCostBreakdown | Error,
) {
  const requests: URL[] = [];
  server.use(
    http.get(
      `${TEST_BACKEND_URL}/environments/:name/cost/breakdown`,
      ({ request }) => {
        requests.push(new URL(request.url));
        const body = answer();
        return body instanceof Error
          ? HttpResponse.json(
              {
                error: { name: 'InputError', message: body.message },
                response: { statusCode: 400 },
              },
              { status: 400 },
            )
          : HttpResponse.json(body);
      },
    ),
  );
  return requests;
}

async function openBreakdown() {
  await renderInTestApp(
    <CostBreakdownButton
      name="shop-dev"
      figure="USD 34.13"
      from="2026-11-01T00:00:00.000Z"
      to="2026-11-23T12:00:00.000Z"
    />,
    { apis: testApis, mountedRoutes: testMountedRoutesWithEnvironments },
  );
  await userEvent.setup().click(
    screen.getByRole('button', {
      name: 'How shop-dev cost USD 34.13 was computed',
    }),
  );
  return screen.findByRole('dialog');
}

describe('CostBreakdownDialog', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  it('shows the intervals with a formula line each, the totals, the rates and their source for the same window', async () => {
    const requests = serveBreakdown(server, () => makeBreakdown());
    const dialog = await openBreakdown();
    expect(
      await within(dialog).findByText(
        'Total USD 34.13 = compute USD 34.13 + storage USD 0.01 + database USD 0.00',
      ),
    ).toBeInTheDocument();
    expect(requests[0].pathname).toMatch(
      /\/environments\/shop-dev\/cost\/breakdown$/,
    );
    expect(requests[0].searchParams.get('from')).toBe(
      '2026-11-01T00:00:00.000Z',
    );
    expect(requests[0].searchParams.get('to')).toBe('2026-11-23T12:00:00.000Z');
    expect(
      within(dialog).getByText(/rates from: estimate/),
    ).toBeInTheDocument();
    const table = within(dialog).getByRole('table', { name: 'Intervals' });
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(3);
    expect(
      within(rows[1]).getByText('2 cores × 540 h × USD 0.0316 = USD 34.13'),
    ).toBeInTheDocument();
    expect(
      within(rows[1]).getByText('2026-11-23 12:00 (goes on)'),
    ).toBeInTheDocument();
    expect(within(rows[1]).getByText('2 cores')).toBeInTheDocument();
    expect(
      within(rows[2]).getByText(
        '1 core, 2 GB memory, 10 GB storage, db.t4g.micro',
      ),
    ).toBeInTheDocument();
    // Idle: what ran without activity; saved: what auto-stop avoided.
    expect(
      within(dialog).getByText(
        'Idle USD 6.32: the part of the total that ran while nobody used the environment, 100 h at least 2h after its last activity (the Idle column, per interval). Savings USD 0.67: what compute and databases would have cost while auto-stopped (the Saved column; storage is charged either way, and savings are not part of the total).',
      ),
    ).toBeInTheDocument();
    expect(within(rows[1]).getByText('USD 6.32 (100 h)')).toBeInTheDocument();
    expect(within(rows[2]).getByText('USD 0.67 (12 h)')).toBeInTheDocument();
    // Stopped: storage only, the database class is not charged.
    expect(
      within(rows[2]).getByText('stopped (auto-stop)'),
    ).toBeInTheDocument();
    expect(
      within(rows[2]).getByText(
        '10 GB storage × 12 h × USD 0.0000548 = USD 0.01',
      ),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByRole('table', { name: 'Rates' }),
    ).toBeInTheDocument();
    expect(within(dialog).getByText('USD 0.0316')).toBeInTheDocument();
  });

  it('says when the window has no intervals', async () => {
    serveBreakdown(server, () =>
      makeBreakdown({
        intervals: [],
        intervalCount: 0,
        totals: { total: 0, compute: 0, storage: 0, database: 0, hours: 0 },
      }),
    );
    const dialog = await openBreakdown();
    expect(
      await within(dialog).findByText('No intervals in this window'),
    ).toBeInTheDocument();
  });

  it('notes a truncated list, and an interval that was charged nothing', async () => {
    const stoppedWithoutStorage = {
      ...makeBreakdown().intervals[0],
      state: 'stopped' as const,
      open: false,
      cost: { total: 0, compute: 0, storage: 0, database: 0, hours: 3 },
    };
    serveBreakdown(server, () =>
      makeBreakdown({
        intervals: [stoppedWithoutStorage],
        intervalCount: 5000,
        truncated: true,
      }),
    );
    const dialog = await openBreakdown();
    expect(
      await within(dialog).findByText(
        'Showing the first 1 of 5000 intervals; the totals count them all.',
      ),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByText('nothing charged: stopped, no storage'),
    ).toBeInTheDocument();
  });

  it('says what the cost pages show instead when a cluster cost source replaced days', async () => {
    serveBreakdown(server, () =>
      makeBreakdown({
        source: 'estimate+opencost',
        reported: { total: 12.5, source: 'estimate+opencost' },
      }),
    );
    const dialog = await openBreakdown();
    expect(
      await within(dialog).findByText(
        'The cost pages show USD 12.50 for this window: estimate+opencost replaced the estimate below for the days it covers (its own allocation of the namespace, per day).',
      ),
    ).toBeInTheDocument();
  });

  it('shows an error with a retry', async () => {
    let fail = true;
    serveBreakdown(server, () =>
      fail
        ? new Error('to: a breakdown may span at most 93 days')
        : makeBreakdown(),
    );
    const dialog = await openBreakdown();
    expect(
      await within(dialog).findByText(/a breakdown may span at most 93 days/),
    ).toBeInTheDocument();
    fail = false;
    await userEvent
      .setup()
      .click(within(dialog).getByRole('button', { name: 'Retry' }));
    expect(
      await within(dialog).findByRole('table', { name: 'Intervals' }),
    ).toBeInTheDocument();
  });
});
