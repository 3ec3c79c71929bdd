import {
  mockApis,
  registerMswTestHooks,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { screen } from '@testing-library/react';
import { setupServer } from 'msw/node';
import { sampleEnvironments } from '../../__testUtils__/environments';
import {
  serveEnvironmentList,
  testApis,
  testMountedRoutesWithEnvironments,
} from '../../__testUtils__/testApp';
import { EnvironmentsRouter } from '../EnvironmentsRouter';
import { inPage } from '../../__testUtils__/pageRouter';

// In a file of its own: usePermission caches answers per permission for the
// whole test file, and every other test allows creating environments.

function renderAt(url: string) {
  return renderInTestApp(inPage(<EnvironmentsRouter />), {
    apis: [
      ...testApis,
      mockApis.permission({ authorize: AuthorizeResult.DENY }),
      [catalogApiRef, catalogApiMock({ entities: [] })],
    ] as const,
    mountedRoutes: testMountedRoutesWithEnvironments,
    mountPath: '/environments',
    initialRouteEntries: [url],
  });
}

describe('creating environments without permission', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  it('hides the "New environment" button', async () => {
    serveEnvironmentList(server, sampleEnvironments);

    await renderAt('/environments');

    expect(await screen.findByText('shop-production')).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'New environment' }),
    ).not.toBeInTheDocument();
  });

  it('explains why the form is not shown', async () => {
    await renderAt('/environments/new');

    expect(
      await screen.findByText('You may not create environments'),
    ).toBeInTheDocument();
    expect(screen.queryByLabelText('Components')).not.toBeInTheDocument();
  });
});
