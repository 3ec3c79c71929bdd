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
import { sampleEnvironments } from '../../__testUtils__/environments';
import {
  serveEnvironment,
  serveEnvironmentList,
  testApis,
  testMountedRoutesWithEnvironments,
} from '../../__testUtils__/testApp';
import {
  EnvironmentsRouter,
  HostLayoutEnvironmentsRouter,
} from './EnvironmentsRouter';
import { inPage } from '../../__testUtils__/pageRouter';

function renderAt(url: string, router = <EnvironmentsRouter />) {
  return renderInTestApp(inPage(router), {
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

describe('EnvironmentsRouter', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  it('links each environment of the list to its page', async () => {
    serveEnvironmentList(server, sampleEnvironments);
    serveEnvironment(server, {
      environment: sampleEnvironments[2],
      operations: [],
    });
    const user = userEvent.setup();

    await renderAt('/environments');

    const link = (await screen.findByText('shop-pr-42')).closest('a');
    expect(link).toHaveAttribute('href', '/environments/shop-pr-42');

    await user.click(link!);

    expect(
      await screen.findByRole('heading', { name: 'Shop preview for #42' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('heading', { name: 'Overview' }),
    ).toBeInTheDocument();
  });

  it('opens the "New environment" form from the list', async () => {
    serveEnvironmentList(server, sampleEnvironments);
    const user = userEvent.setup();

    await renderAt('/environments');

    const button = await screen.findByRole('button', {
      name: 'New environment',
    });
    expect(button).toHaveAttribute('href', '/environments/new');
    await user.click(button);

    expect(
      await screen.findByRole('heading', { name: 'New environment' }),
    ).toBeInTheDocument();
    expect(await screen.findByLabelText('Components')).toBeInTheDocument();
  });

  it('draws its own Backstage header in legacy apps', async () => {
    serveEnvironmentList(server, sampleEnvironments);

    await renderAt('/environments');

    expect(screen.getByRole('banner')).toHaveTextContent('Environments');
  });

  it("sits below the host's plugin header in the new frontend system, titled in its content", async () => {
    serveEnvironmentList(server, sampleEnvironments);

    await renderAt('/environments/templates', <HostLayoutEnvironmentsRouter />);

    expect(
      await screen.findByRole('heading', { name: 'Service templates' }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('banner')).toBeNull();
    expect(
      screen.getByRole('button', { name: 'All environments' }),
    ).toHaveAttribute('href', '/environments');
  });
});
