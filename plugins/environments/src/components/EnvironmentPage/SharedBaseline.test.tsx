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
  makeService,
} from '../../__testUtils__/environments';
import {
  errorResponse,
  serveEnvironment,
  testApis,
  testMountedRoutesWithEnvironments,
  TEST_BACKEND_URL,
} from '../../__testUtils__/testApp';
import { EnvironmentPage } from './EnvironmentPage';

/** A preview that deploys only web and reaches the rest in staging. */
function dependant(overrides: Partial<ApiEnvironment> = {}): ApiEnvironment {
  return makeEnvironment({
    name: 'pr-7',
    mode: 'preview',
    services: [makeService({ name: 'web', kind: 'application' })],
    baseline: {
      environmentId: 'env-staging',
      environment: 'staging',
      databases: 'share',
    },
    sharing: {
      services: [
        {
          name: 'orders-api',
          kind: 'application',
          ports: [{ port: 8080, public: false }],
        },
        {
          name: 'orders-db',
          kind: 'database',
          ports: [],
          database: { engine: 'postgresql', version: '16', mode: 'container' },
        },
      ],
      base: { desiredState: 'running', status: 'running' },
    },
    ...overrides,
  });
}

function staging(sharedWith?: string[]): ApiEnvironment {
  return makeEnvironment({ name: 'staging', mode: 'staging', sharedWith });
}

function renderPage(name: string) {
  return renderInTestApp(<EnvironmentPage pollIntervalMs={60_000} />, {
    apis: [
      ...testApis,
      mockApis.permission({ authorize: AuthorizeResult.ALLOW }),
    ] as const,
    mountedRoutes: testMountedRoutesWithEnvironments,
    mountPath: '/environments/:name',
    initialRouteEntries: [`/environments/${name}`],
  });
}

/** Answers stop and destroy with `answer` and records what each sent. */
function serveStopAndDestroy(
  server: ReturnType<typeof setupServer>,
  answer: (call: number) => Response,
) {
  const calls: Array<{ method: string; search: string; body?: unknown }> = [];
  const record = async ({ request }: { request: Request }) => {
    const text = await request.text();
    calls.push({
      method: request.method,
      search: new URL(request.url).search,
      ...(text && { body: JSON.parse(text) }),
    });
    return answer(calls.length);
  };
  server.use(
    http.post(`${TEST_BACKEND_URL}/environments/:name/stop`, record),
    http.delete(`${TEST_BACKEND_URL}/environments/:name`, record),
  );
  return calls;
}

const accepted = () =>
  HttpResponse.json(
    { operation: makeOperation({ id: 'op-1', type: 'stop' }) },
    { status: 202 },
  );

async function enabledButton(name: string): Promise<HTMLElement> {
  await waitFor(() =>
    expect(screen.getByRole('button', { name })).toBeEnabled(),
  );
  return screen.getByRole('button', { name });
}

describe('Shared baselines on the environment page', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  it('shows the services a dependant reaches in its base, with where and how the base is', async () => {
    serveEnvironment(server, {
      environment: dependant(),
      operations: [] as Operation[],
    });

    await renderPage('pr-7');

    const title = await screen.findByTestId('shared-services-title');
    expect(title).toHaveTextContent('Shares 2 services with staging');
    expect(
      within(title).getByRole('link', { name: 'staging' }),
    ).toHaveAttribute('href', '/environments/staging');
    expect(
      screen.getByText(
        "Not deployed here: this environment reaches them at staging's hosts. Its writes to the shared databases land in staging.",
      ),
    ).toBeInTheDocument();
    const table = screen.getByRole('table', {
      name: 'Services shared with staging',
    });
    expect(
      within(table)
        .getAllByRole('row')
        .map(row => row.textContent),
    ).toEqual([
      'ServiceKindReached at',
      'orders-apiapplicationorders-api-staging:8080',
      'orders-dbpostgresqlorders-db-staging',
    ]);
    // The services table lists only what the environment deploys.
    expect(screen.getByText('Services (1)')).toBeInTheDocument();
    expect(screen.queryByText(/do not answer/)).not.toBeInTheDocument();
  });

  it('warns when the base is stopped, and when it is gone', async () => {
    const state = {
      environment: dependant({
        sharing: {
          ...dependant().sharing!,
          base: { desiredState: 'stopped', status: 'stopped' },
        },
        attention: [
          {
            item: 'baseline:staging',
            reason:
              'its base staging is stopped: orders-api, orders-db do not answer until it runs again',
          },
        ],
      }),
      operations: [] as Operation[],
    };
    serveEnvironment(server, state);

    const { unmount } = await renderPage('pr-7');

    expect(
      await screen.findByText(
        'staging is stopped: these services do not answer until it runs again.',
      ),
    ).toBeInTheDocument();
    expect(screen.getByTestId('attention-baseline:staging')).toHaveTextContent(
      'Services shared by staging: its base staging is stopped',
    );
    // Its status says so too.
    expect(
      screen.getByText('base staging stopped: shared services down'),
    ).toBeInTheDocument();
    unmount();

    state.environment = dependant({
      sharing: { services: [] },
      attention: [
        {
          item: 'baseline:staging',
          reason:
            'its base staging is destroyed: the services it shared do not answer',
        },
      ],
    });
    await renderPage('pr-7');
    expect(
      await screen.findByRole('heading', { name: 'Shared with staging' }),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'staging was destroyed: the services it shared no longer answer. Add them to this environment, or clone it anew.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('base staging destroyed: shared services down'),
    ).toBeInTheDocument();
  });

  it('names who shares a base, and stops it with force once the user confirmed', async () => {
    serveEnvironment(server, {
      environment: staging(['pr-7', 'pr-8']),
      operations: [] as Operation[],
    });
    const calls = serveStopAndDestroy(server, accepted);
    const user = userEvent.setup();

    await renderPage('staging');

    const sharedBy = (await screen.findByText('Shared by')).parentElement!;
    expect(
      within(sharedBy)
        .getAllByRole('link')
        .map(link => link.getAttribute('href')),
    ).toEqual(['/environments/pr-7', '/environments/pr-8']);

    await user.click(await enabledButton('Stop'));
    const dialog = await screen.findByRole('dialog');
    expect(dialog).toHaveTextContent('Stop staging?');
    expect(dialog).toHaveTextContent(
      'Shared by pr-7, pr-8: the services they share with staging stop answering until it runs again.',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(calls).toEqual([]);

    await user.click(await enabledButton('Stop'));
    await user.click(
      within(await screen.findByRole('dialog')).getByRole('button', {
        name: 'Stop anyway',
      }),
    );
    await waitFor(() =>
      expect(calls).toEqual([
        { method: 'POST', search: '', body: { force: true } },
      ]),
    );
  });

  it('asks again, with the backend’s reason, when sharing began after the page loaded', async () => {
    serveEnvironment(server, {
      environment: staging(),
      operations: [] as Operation[],
    });
    const calls = serveStopAndDestroy(server, call =>
      call === 1
        ? errorResponse(
            409,
            'ConflictError',
            "force: environment 'staging' is shared by pr-9: their shared services stop answering while it is stopped; confirm (force) to stop it anyway",
          )
        : accepted(),
    );
    const user = userEvent.setup();

    await renderPage('staging');
    // Nobody shared it when the page loaded: no question asked.
    await user.click(await enabledButton('Stop'));

    const dialog = await screen.findByRole('dialog');
    expect(dialog).toHaveTextContent('Other environments share staging now');
    expect(dialog).toHaveTextContent(
      "environment 'staging' is shared by pr-9: their shared services stop answering",
    );
    await user.click(
      within(dialog).getByRole('button', { name: 'Stop anyway' }),
    );
    await waitFor(() =>
      expect(calls).toEqual([
        { method: 'POST', search: '' },
        { method: 'POST', search: '', body: { force: true } },
      ]),
    );
    expect(screen.queryByText(/Could not stop/)).not.toBeInTheDocument();
  });

  it('destroys a shared base with force once its name is typed', async () => {
    serveEnvironment(server, {
      environment: staging(['pr-7']),
      operations: [] as Operation[],
    });
    const calls = serveStopAndDestroy(server, accepted);
    const user = userEvent.setup();

    await renderPage('staging');
    await user.click(await enabledButton('Destroy'));

    const dialog = await screen.findByRole('dialog');
    expect(dialog).toHaveTextContent(
      'Shared by pr-7: the services they share with staging stop answering for good.',
    );
    await user.type(
      within(dialog).getByLabelText('Environment name'),
      'staging',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Destroy' }));

    await waitFor(() =>
      expect(calls).toEqual([{ method: 'DELETE', search: '?force=true' }]),
    );
  });
});
