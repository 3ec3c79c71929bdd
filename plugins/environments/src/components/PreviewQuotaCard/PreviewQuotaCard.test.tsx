import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, within } from '@testing-library/react';
import { testMountedRoutes } from '../../__testUtils__/testApp';
import { PreviewQuotaCard, PreviewQuotaCardProps } from './PreviewQuotaCard';

function renderCard(props: PreviewQuotaCardProps) {
  return renderInTestApp(<PreviewQuotaCard {...props} />, {
    mountedRoutes: testMountedRoutes,
  });
}

const usage = (ref: string, running: number, limit?: number) => ({
  ref,
  running,
  queued: 0,
  ...(limit === undefined ? {} : { limit }),
  previews: Array.from({ length: running }, (_, i) => ({
    name: `pr-${i + 1}`,
    priority: 10,
    lastActivityAt: '2025-11-20T10:00:00Z',
    reclaimNext: limit !== undefined && running >= limit && i === 0,
  })),
});

describe('PreviewQuotaCard', () => {
  it('shows running of limit per system and team, and the preview a full quota stops next', async () => {
    await renderCard({
      quota: {
        configured: true,
        systems: [
          usage('system:default/payments', 1, 3),
          usage('system:default/shop', 2, 2),
        ],
        teams: [usage('group:default/team-shop', 3)],
      },
    });

    const systems = screen.getByRole('table', { name: 'Systems' });
    const payments = within(systems).getByText('payments').closest('tr')!;
    expect(within(payments).getByText('1 / 3')).toBeInTheDocument();
    expect(within(payments).getByText('—')).toBeInTheDocument();
    const shop = within(systems).getByText('shop').closest('tr')!;
    expect(within(shop).getByText('2 / 2')).toBeInTheDocument();
    expect(within(shop).getByText('pr-1')).toBeInTheDocument();
    expect(
      within(shop).getByRole('progressbar', { hidden: true }),
    ).toHaveAttribute('aria-valuenow', '100');
    const teams = screen.getByRole('table', { name: 'Teams' });
    expect(within(teams).getByText('3 (no limit)')).toBeInTheDocument();
  });

  it('says when a quota is configured but no preview runs or waits', async () => {
    await renderCard({
      quota: { configured: true, systems: [], teams: [] },
    });
    expect(
      screen.getByText('No preview is running or waiting for a slot.'),
    ).toBeInTheDocument();
  });

  it('says when no quota is configured', async () => {
    await renderCard({
      quota: {
        configured: false,
        systems: [usage('system:default/shop', 4)],
        teams: [],
      },
    });
    expect(
      screen.getByText('No preview quota is configured'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('says why the quota could not be loaded', async () => {
    await renderCard({ error: new Error('Service Unavailable') });
    expect(
      screen.getByText(
        'The preview quota could not be loaded: Service Unavailable',
      ),
    ).toBeInTheDocument();
  });
});
