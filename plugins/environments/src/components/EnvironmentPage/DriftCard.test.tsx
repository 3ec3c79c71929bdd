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
import type { ApiEnvironment } from '../../api';
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
import { EnvironmentPage } from './EnvironmentPage';

function drifted(overrides: Partial<ApiEnvironment> = {}): ApiEnvironment {
  return makeEnvironment({
    name: 'shop-dev',
    runtime: { type: 'kubernetes' },
    observation: {
      observedAt: new Date().toISOString(),
      drift: [
        {
          resource: 'Deployment/api-shop-dev',
          service: 'api',
          change: 'missing',
        },
        {
          resource: 'Service/db-shop-dev',
          service: 'db',
          change: 'modified',
          detail: 'spec.ports changed',
        },
      ],
      failures: 0,
      entityAnnotations: {},
    },
    ...overrides,
  });
}

function renderPage() {
  return renderInTestApp(<EnvironmentPage pollIntervalMs={60_000} />, {
    apis: [
      ...testApis,
      mockApis.permission({ authorize: AuthorizeResult.ALLOW }),
    ] as const,
    mountedRoutes: testMountedRoutesWithEnvironments,
    mountPath: '/environments/:name',
    initialRouteEntries: ['/environments/shop-dev'],
  });
}

async function reapplyButton(): Promise<HTMLElement> {
  const card = await screen.findByTestId('drift-card');
  return within(card).getByRole('button', { name: 'Re-apply' });
}

describe('DriftCard on the environment page', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  it('lists what drifted and re-applies: the update shows like other actions', async () => {
    const state = { environment: drifted(), operations: [] as Operation[] };
    serveEnvironment(server, state);
    const reapplied: string[] = [];
    server.use(
      http.post(
        `${TEST_BACKEND_URL}/environments/:name/reapply`,
        ({ params }) => {
          reapplied.push(String(params.name));
          const operation = makeOperation({
            id: 'op-reapply',
            type: 'update',
            status: 'queued',
            steps: [{ name: 'apply', status: 'queued' }],
          });
          state.operations = [operation];
          return HttpResponse.json(
            { environment: state.environment, operation },
            { status: 202 },
          );
        },
      ),
    );
    const user = userEvent.setup();

    await renderPage();

    const card = await screen.findByTestId('drift-card');
    expect(
      within(card).getByText('Changed outside Greenroom (2)'),
    ).toBeInTheDocument();
    const missing = within(card).getByTestId('drift-Deployment/api-shop-dev');
    expect(missing).toHaveTextContent(
      'Deployment/api-shop-dev of api: missing',
    );
    expect(
      within(card).getByTestId('drift-Service/db-shop-dev'),
    ).toHaveTextContent(
      'Service/db-shop-dev of db: modified (spec.ports changed)',
    );

    await waitFor(async () => expect(await reapplyButton()).toBeEnabled());
    await user.click(await reapplyButton());

    const operation = await screen.findByTestId('operation-op-reapply');
    expect(within(operation).getByText('Update')).toBeInTheDocument();
    expect(reapplied).toEqual(['shop-dev']);
    // an operation runs now: re-applying again waits for it
    await waitFor(async () => expect(await reapplyButton()).toBeDisabled());
  });

  it('is disabled while an operation runs, saying why', async () => {
    serveEnvironment(server, {
      environment: drifted(),
      operations: [
        makeOperation({ id: 'op-start', type: 'start', status: 'running' }),
      ],
    });
    const user = userEvent.setup();

    await renderPage();

    expect(await reapplyButton()).toBeDisabled();
    await user.hover(screen.getByTestId('reapply-disabled'));
    expect(await screen.findByRole('tooltip')).toHaveTextContent(
      'Wait for the running operation to finish',
    );
  });

  it('shows why the backend refused the re-apply', async () => {
    serveEnvironment(server, { environment: drifted(), operations: [] });
    server.use(
      http.post(`${TEST_BACKEND_URL}/environments/:name/reapply`, () =>
        errorResponse(
          409,
          'ConflictError',
          "Environment 'shop-dev' is not meant to run",
        ),
      ),
    );
    const user = userEvent.setup();

    await renderPage();
    await waitFor(async () => expect(await reapplyButton()).toBeEnabled());
    await user.click(await reapplyButton());

    expect(
      await screen.findByText('The environment is not meant to run'),
    ).toBeInTheDocument();
    expect(
      screen.getByText("Environment 'shop-dev' is not meant to run"),
    ).toBeInTheDocument();
  });

  it('shows nothing when nothing drifted', async () => {
    serveEnvironment(server, {
      environment: drifted({
        observation: { drift: [], failures: 0, entityAnnotations: {} },
      }),
      operations: [],
    });

    await renderPage();

    await screen.findByText('Services (2)');
    expect(screen.queryByTestId('drift-card')).not.toBeInTheDocument();
  });
});
