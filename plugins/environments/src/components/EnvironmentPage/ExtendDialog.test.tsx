import {
  mockApis,
  registerMswTestHooks,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { Operation } from '@greenroom/plugin-environments-common';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  makeEnvironment,
  makeOperation,
} from '../../__testUtils__/environments';
import {
  serveEnvironment,
  testApis,
  testMountedRoutesWithEnvironments,
  TEST_BACKEND_URL,
} from '../../__testUtils__/testApp';
import { EnvironmentsRouter } from '../EnvironmentsRouter';

const expiresAt = '2030-01-02T10:00:00.000Z';

describe('Extend', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  function render(url: string, mode: 'preview' | 'production' = 'preview') {
    const state = {
      environment: makeEnvironment({ name: 'pr-42', mode, expiresAt }),
      operations: [] as Operation[],
    };
    serveEnvironment(server, state);
    const extends_: unknown[] = [];
    server.use(
      http.post(
        `${TEST_BACKEND_URL}/environments/pr-42/extend`,
        async ({ request }) => {
          extends_.push(await request.json());
          const operation = makeOperation({ id: 'op-x', type: 'extend' });
          return HttpResponse.json(
            { environment: state.environment, operation },
            { status: 202 },
          );
        },
      ),
    );
    renderInTestApp(<EnvironmentsRouter />, {
      apis: [
        ...testApis,
        mockApis.permission({ authorize: () => AuthorizeResult.ALLOW }),
      ] as const,
      mountedRoutes: testMountedRoutesWithEnvironments,
      mountPath: '/environments',
      initialRouteEntries: [url],
    });
    return extends_;
  }

  it('opens from the link of an expiry notification and extends by the chosen time', async () => {
    const extended = render('/environments/pr-42?action=extend');
    const dialog = await screen.findByRole('dialog', { name: 'Extend pr-42' });
    expect(dialog).toHaveTextContent('It expires');
    await userEvent.click(screen.getByLabelText('1 week'));
    await userEvent.click(screen.getByRole('button', { name: 'Extend' }));
    await waitFor(() => expect(extended).toEqual([{ by: '7d' }]));
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
  });

  it('offers Extend on an environment that expires', async () => {
    render('/environments/pr-42');
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Extend' })).toBeEnabled(),
    );
  });

  it('explains that production never expires', async () => {
    render('/environments/pr-42', 'production');
    const wrapper = await screen.findByTestId('extend-disabled');
    await userEvent.hover(wrapper);
    expect(await screen.findByRole('tooltip')).toHaveTextContent(
      'Production never expires',
    );
  });
});
