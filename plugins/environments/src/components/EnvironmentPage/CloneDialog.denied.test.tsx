import {
  mockApis,
  registerMswTestHooks,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { setupServer } from 'msw/node';
import { makeEnvironment } from '../../__testUtils__/environments';
import {
  serveEnvironment,
  testApis,
  testMountedRoutesWithEnvironments,
} from '../../__testUtils__/testApp';
import { EnvironmentsRouter } from '../EnvironmentsRouter';
import { inPage } from '../../__testUtils__/pageRouter';

// In a file of its own: usePermission caches answers per permission for the
// whole test file, and the other tests allow creating environments.

describe('cloning without the create permission', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  it('disables Clone with the reason', async () => {
    serveEnvironment(server, {
      environment: makeEnvironment({ name: 'shop-dev' }),
      operations: [],
    });

    await renderInTestApp(inPage(<EnvironmentsRouter />), {
      apis: [
        ...testApis,
        mockApis.permission({
          authorize: request =>
            request.permission.name === 'environments.environment.create'
              ? AuthorizeResult.DENY
              : AuthorizeResult.ALLOW,
        }),
      ] as const,
      mountedRoutes: testMountedRoutesWithEnvironments,
      mountPath: '/environments',
      initialRouteEntries: ['/environments/shop-dev'],
    });

    const wrapper = await screen.findByTestId('clone-disabled');
    await screen.findByText('Services (2)');
    expect(
      within(wrapper).getByRole('button', { name: 'Clone' }),
    ).toBeDisabled();
    await userEvent.hover(wrapper);
    expect(await screen.findByRole('tooltip')).toHaveTextContent(
      'You are not allowed to create environments',
    );
  });
});
