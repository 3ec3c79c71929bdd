import {
  mockApis,
  registerMswTestHooks,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { setupServer } from 'msw/node';
import {
  makeCostRow,
  makeCostSummary,
  serveCost,
} from '../../__testUtils__/cost';
import { sampleEnvironments } from '../../__testUtils__/environments';
import {
  serveEnvironmentList,
  testApis,
  testMountedRoutesWithEnvironments,
} from '../../__testUtils__/testApp';
import { EnvironmentsRouter } from './EnvironmentsRouter';
import { inPage } from '../../__testUtils__/pageRouter';

function renderAt(url: string) {
  return renderInTestApp(inPage(<EnvironmentsRouter />), {
    apis: [
      ...testApis,
      mockApis.permission(),
      [catalogApiRef, catalogApiMock({ entities: [] })],
    ] as const,
    mountedRoutes: testMountedRoutesWithEnvironments,
    mountPath: '/environments',
    initialRouteEntries: [url],
  });
}

describe('EnvironmentsRouter (costs)', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  it('opens the costs page from the Costs button of the list, not an environment named costs', async () => {
    serveEnvironmentList(server, sampleEnvironments);
    serveCost(server, {
      summary: () =>
        makeCostSummary([makeCostRow({ key: 'shop-dev', compute: 12 })]),
    });
    const user = userEvent.setup();

    renderAt('/environments');

    const button = await screen.findByRole('button', { name: 'Costs' });
    expect(button).toHaveAttribute('href', '/environments/costs');
    await user.click(button);

    expect(
      await screen.findByRole('heading', { name: 'Environment costs' }),
    ).toBeInTheDocument();
    expect(await screen.findByText('Top spenders')).toBeInTheDocument();
    expect(
      screen.queryByText('No environment named costs'),
    ).not.toBeInTheDocument();
  });
});
