import {
  mockApis,
  registerMswTestHooks,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { Operation } from '@greenroom/plugin-environments-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  makeEnvironment,
  makeOperation,
} from '../../__testUtils__/environments';
import {
  errorResponse,
  serveEnvironment,
  testApis,
  testMountedRoutesWithEnvironments,
  TEST_BACKEND_URL,
} from '../../__testUtils__/testApp';
import { EnvironmentsRouter } from '../EnvironmentsRouter';
import { inPage } from '../../__testUtils__/pageRouter';

const expiresAt = '2030-01-02T10:00:00.000Z';

describe('Extend', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  function render(
    url: string,
    mode: 'preview' | 'production' = 'preview',
    options: { expiresAt?: string; refusal?: Response } = { expiresAt },
  ) {
    const state = {
      environment: makeEnvironment({
        name: 'pr-42',
        mode,
        expiresAt: options.expiresAt,
      }),
      operations: [] as Operation[],
    };
    serveEnvironment(server, state);
    const extends_: unknown[] = [];
    server.use(
      http.post(
        `${TEST_BACKEND_URL}/environments/pr-42/extend`,
        async ({ request }) => {
          extends_.push(await request.json());
          if (options.refusal) {
            return options.refusal;
          }
          const operation = makeOperation({ id: 'op-x', type: 'extend' });
          return HttpResponse.json(
            { environment: state.environment, operation },
            { status: 202 },
          );
        },
      ),
    );
    renderInTestApp(inPage(<EnvironmentsRouter />), {
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

  it("3. shows, in the dialog, that an extension beyond the mode's lifetime was refused", async () => {
    const extended = render('/environments/pr-42?action=extend', 'preview', {
      expiresAt,
      refusal: errorResponse(
        400,
        'InputError',
        'by: the expiry would be 2030-01-09T10:00:00.000Z, but preview environments expire at most 14d from now (environments.limits.maxLifetime.preview)',
      ),
    });
    const dialog = await screen.findByRole('dialog', { name: 'Extend pr-42' });
    await userEvent.click(screen.getByLabelText('1 week'));
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Extend' }),
    );

    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent('Longer than this environment may live');
    expect(alert).toHaveTextContent(
      'the expiry would be 2030-01-09T10:00:00.000Z, but preview environments expire at most 14d from now (environments.limits.maxLifetime.preview). Pick a shorter time.',
    );
    expect(extended).toEqual([{ by: '7d' }]);
    // still open, to pick a shorter time
    expect(screen.getByRole('dialog')).toBeInTheDocument();
    await userEvent.click(screen.getByLabelText('1 day'));
    expect(within(dialog).queryByRole('alert')).not.toBeInTheDocument();
  });

  it('shows, in the dialog, that an environment without expiry has nothing to extend (409)', async () => {
    // The page still shows an expiry that was removed meanwhile.
    render('/environments/pr-42?action=extend', 'preview', {
      expiresAt,
      refusal: errorResponse(
        409,
        'ConflictError',
        "by: environment 'pr-42' has no expiry to extend",
      ),
    });
    const dialog = await screen.findByRole('dialog', { name: 'Extend pr-42' });
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Extend' }),
    );

    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent('There is no expiry to extend');
    expect(alert).toHaveTextContent(
      "environment 'pr-42' has no expiry to extend",
    );
  });

  it('offers nothing to extend on an environment without expiry', async () => {
    const extended = render('/environments/pr-42?action=extend', 'preview', {});
    const dialog = await screen.findByRole('dialog', { name: 'Extend pr-42' });

    expect(dialog).toHaveTextContent(
      'It has no expiry: it is never destroyed for its age, so there is nothing to extend.',
    );
    expect(
      within(dialog).queryByRole('button', { name: 'Extend' }),
    ).not.toBeInTheDocument();
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Close' }),
    );
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(extended).toEqual([]);
  });
});
