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
import type { ApiEnvironment, ApiVariable } from '../../api';
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
import { EnvironmentsRouter } from '../EnvironmentsRouter';
import { EnvironmentPage } from './EnvironmentPage';
import { inPage } from '../../__testUtils__/pageRouter';

const LEAKED_SECRET = 'sk_live_must_never_show';

function shopDev(overrides: Partial<ApiEnvironment> = {}): ApiEnvironment {
  return makeEnvironment({
    name: 'shop-dev',
    title: 'Shop development',
    variables: [
      { key: 'LOG_LEVEL', kind: 'value', value: 'debug' },
      // The API never sends a secret's value; this double does, wrongly, to
      // prove the page would not show it anyway.
      {
        key: 'STRIPE_KEY',
        kind: 'secret',
        isSet: true,
        value: LEAKED_SECRET,
      } as ApiVariable,
    ],
    services: [
      makeService({
        name: 'orders-api',
        kind: 'application',
        componentRef: 'component:default/orders-service',
        template: { ref: 'servicetemplate:default/node-api', version: '3.0.1' },
        image: { repository: 'ghcr.io/example/orders-api', tag: '2.4.0' },
        ports: [
          { port: 8080, public: true },
          { port: 9090, public: false },
        ],
        replicas: 2,
        resources: { cpu: '500m', memory: '512Mi' },
        variables: [
          { key: 'DATABASE_URL', kind: 'alias', aliasOf: 'GR_ORDERS_DB_URL' },
        ],
      }),
      makeService({
        name: 'orders-db',
        kind: 'database',
        database: { engine: 'postgresql', version: '16', mode: 'container' },
        resources: { cpu: '250m', memory: '256Mi', storage: '1Gi' },
      }),
    ],
    ...overrides,
  });
}

function permissions(
  decide: (name: string) => AuthorizeResult.ALLOW | AuthorizeResult.DENY = () =>
    AuthorizeResult.ALLOW,
) {
  return mockApis.permission({
    authorize: request => decide(request.permission.name),
  });
}

function renderAt(
  url: string,
  options: {
    permissionApi?: ReturnType<typeof permissions>;
    pollIntervalMs?: number;
  } = {},
) {
  const apis = [...testApis, options.permissionApi ?? permissions()] as const;
  if (options.pollIntervalMs !== undefined) {
    return renderInTestApp(
      <EnvironmentPage pollIntervalMs={options.pollIntervalMs} />,
      {
        apis,
        mountedRoutes: testMountedRoutesWithEnvironments,
        mountPath: '/environments/:name',
        initialRouteEntries: [url],
      },
    );
  }
  return renderInTestApp(inPage(<EnvironmentsRouter />), {
    apis,
    mountedRoutes: testMountedRoutesWithEnvironments,
    mountPath: '/environments',
    initialRouteEntries: [url],
  });
}

function section(title: string): HTMLElement {
  const heading = screen.getByRole('heading', { name: title });
  const card = heading.closest('[class*="MuiPaper-root"]');
  if (!card) {
    throw new Error(`No card titled ${title}`);
  }
  return card as HTMLElement;
}

function rowOf(container: HTMLElement, text: string): HTMLElement {
  const row = within(container).getByText(text).closest('tr');
  if (!row) {
    throw new Error(`No row contains ${text}`);
  }
  return row;
}

/** An action button, once permissions are known and it is enabled. */
async function enabledButton(name: string): Promise<HTMLElement> {
  await waitFor(() =>
    expect(screen.getByRole('button', { name })).toBeEnabled(),
  );
  return screen.getByRole('button', { name });
}

/** The reason shown when hovering a disabled action. */
async function disabledReason(label: string): Promise<string> {
  const wrapper = await screen.findByTestId(
    `${label.toLocaleLowerCase('en-US')}-disabled`,
  );
  expect(within(wrapper).getByRole('button', { name: label })).toBeDisabled();
  await userEvent.hover(wrapper);
  return (await screen.findByRole('tooltip')).textContent ?? '';
}

describe('EnvironmentPage', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  it('shows the overview: mode, status, owner, system, simulated runtime, expiry', async () => {
    serveEnvironment(server, {
      environment: shopDev({
        expiresAt: new Date(Date.now() + 3 * 86_400_000).toISOString(),
      }),
      operations: [],
    });

    await renderAt('/environments/shop-dev');

    expect(
      await screen.findByRole('heading', { name: 'Shop development' }),
    ).toBeInTheDocument();
    const overview = section('Overview');
    expect(within(overview).getByText('shop-dev')).toBeInTheDocument();
    expect(within(overview).getByText('development')).toBeInTheDocument();
    expect(within(overview).getByText('running')).toBeInTheDocument();
    expect(
      within(overview).getByText('team-shop').closest('a'),
    ).toHaveAttribute('href', '/catalog/default/group/team-shop');
    expect(within(overview).getByText('shop').closest('a')).toHaveAttribute(
      'href',
      '/catalog/default/system/shop',
    );
    expect(within(overview).getByText('local (simulated)')).toBeInTheDocument();
    expect(
      within(overview).getByText('Nothing is really deployed.'),
    ).toBeInTheDocument();
    expect(within(overview).getByText('in 3 days')).toBeInTheDocument();
    expect(within(overview).getByText('guest').closest('a')).toHaveAttribute(
      'href',
      '/catalog/default/user/guest',
    );
    expect(
      screen.getByText('No operations yet.', { exact: false }),
    ).toBeInTheDocument();
  });

  it('links a preview to its pull request', async () => {
    serveEnvironment(server, {
      environment: shopDev({
        mode: 'preview',
        origin: {
          type: 'preview',
          pullRequest: {
            provider: 'github',
            repository: 'acme/shop',
            number: 42,
            branch: 'feature/cart',
            headSha: '0123456789abcdef0123456789abcdef01234567',
            url: 'https://github.com/acme/shop/pull/42',
          },
        },
      }),
      operations: [],
    });

    await renderAt('/environments/shop-dev');

    const link = (await screen.findByText('acme/shop#42')).closest('a');
    expect(link).toHaveAttribute(
      'href',
      'https://github.com/acme/shop/pull/42',
    );
    expect(screen.getByText('branch feature/cart')).toBeInTheDocument();
  });

  it('lists the services with their image, ports, resources and template', async () => {
    serveEnvironment(server, { environment: shopDev(), operations: [] });

    await renderAt('/environments/shop-dev');

    await screen.findByText('Services (2)');
    const services = section('Services (2)');
    const api = rowOf(services, 'orders-api');
    expect(within(api).getByText('application')).toBeInTheDocument();
    expect(
      within(api).getByText('ghcr.io/example/orders-api:2.4.0'),
    ).toBeInTheDocument();
    expect(within(api).getByText('8080 (public), 9090')).toBeInTheDocument();
    expect(within(api).getByText('2')).toBeInTheDocument();
    expect(within(api).getByText('500m CPU, 512Mi memory')).toBeInTheDocument();
    expect(within(api).getByText('node-api').closest('a')).toHaveAttribute(
      'href',
      '/catalog/default/servicetemplate/node-api',
    );
    expect(within(api).getByText('@3.0.1')).toBeInTheDocument();
    expect(
      within(api).getByText('orders-service').closest('a'),
    ).toHaveAttribute('href', '/catalog/default/component/orders-service');
    // the runtime has not reported on it yet
    expect(within(api).getByText('not observed yet')).toBeInTheDocument();

    const db = rowOf(services, 'orders-db');
    expect(
      within(db).getByText('postgresql 16 (container)'),
    ).toBeInTheDocument();
    expect(
      within(db).getByText('250m CPU, 256Mi memory, 1Gi storage'),
    ).toBeInTheDocument();
  });

  it('masks secrets, shows alias targets and lists the built-ins read-only', async () => {
    serveEnvironment(server, { environment: shopDev(), operations: [] });
    const user = userEvent.setup();

    const { container } = await renderAt('/environments/shop-dev');

    const variables = await screen.findByRole('table', { name: 'Variables' });
    const secret = rowOf(variables, 'STRIPE_KEY');
    expect(within(secret).getByText('••••••')).toBeInTheDocument();
    expect(within(secret).getByText('set')).toBeInTheDocument();
    expect(container.innerHTML).not.toContain(LEAKED_SECRET);

    const alias = rowOf(variables, 'DATABASE_URL');
    expect(within(alias).getByText('orders-api')).toBeInTheDocument();
    expect(
      within(alias).getByText('DATABASE_URL → GR_ORDERS_DB_URL'),
    ).toBeInTheDocument();
    expect(
      within(alias).getByText(
        '= postgresql://orders_db@orders-db-shop-dev:5432/orders_db',
      ),
    ).toBeInTheDocument();
    expect(
      within(rowOf(variables, 'LOG_LEVEL')).getByText('debug'),
    ).toBeInTheDocument();

    await user.click(
      screen.getByRole('button', { name: /built-in variables \(\d+\)/i }),
    );
    const builtins = screen.getByRole('table', { name: 'Built-in variables' });
    expect(
      within(rowOf(builtins, 'GR_ENVIRONMENT_NAME')).getByText('shop-dev'),
    ).toBeVisible();
    expect(
      within(rowOf(builtins, 'GR_ORDERS_API_URL')).getByText(
        'http://orders-api-shop-dev:8080',
      ),
    ).toBeVisible();
    expect(
      within(rowOf(builtins, 'GR_ORDERS_DB_PASSWORD')).getByText('••••••'),
    ).toBeVisible();
    // read-only: nothing to edit or delete
    expect(within(builtins).queryByRole('button')).not.toBeInTheDocument();
    expect(within(builtins).queryByRole('textbox')).not.toBeInTheDocument();
    expect(container.innerHTML).not.toContain(LEAKED_SECRET);
  });

  it('shows what needs attention', async () => {
    serveEnvironment(server, {
      environment: shopDev({
        attention: [
          { item: 'secret:STRIPE_KEY', reason: 'secrets are not copied' },
          { item: 'domain:shop.example.com', reason: 'domains are not copied' },
        ],
      }),
      operations: [],
    });

    await renderAt('/environments/shop-dev');

    const banner = await screen.findByRole('alert');
    expect(banner).toHaveTextContent(
      'This environment needs your attention (2)',
    );
    expect(banner).toHaveTextContent(
      'Secret STRIPE_KEY: secrets are not copied',
    );
    expect(banner).toHaveTextContent(
      'Custom domain shop.example.com: domains are not copied',
    );
  });

  it('shows no attention banner when nothing needs attention', async () => {
    serveEnvironment(server, { environment: shopDev(), operations: [] });

    await renderAt('/environments/shop-dev');

    await screen.findByText('Services (2)');
    expect(screen.queryByText(/needs your attention/)).not.toBeInTheDocument();
  });

  it('lists operations newest first with requester, status, steps and errors', async () => {
    serveEnvironment(server, {
      environment: shopDev({ status: 'failed' }),
      operations: [
        makeOperation({
          id: 'op-2',
          type: 'start',
          status: 'failed',
          requestedBy: 'user:default/jane',
          error: 'Image ghcr.io/example/orders-api:2.4.0 not found',
          steps: [
            {
              name: 'start',
              status: 'failed',
              startedAt: '2026-03-10T10:00:00.000Z',
              finishedAt: '2026-03-10T10:00:05.000Z',
              message: 'pull failed',
            },
            { name: 'observe', status: 'cancelled' },
          ],
        }),
        makeOperation({
          id: 'op-1',
          type: 'create',
          requestedBy: 'service:scaffolder',
          steps: [{ name: 'resolve', status: 'succeeded' }],
        }),
      ],
    });

    await renderAt('/environments/shop-dev');

    const newest = await screen.findByTestId('operation-op-2');
    const oldest = screen.getByTestId('operation-op-1');
    // newest first
    expect(
      newest.compareDocumentPosition(oldest) & Node.DOCUMENT_POSITION_FOLLOWING,
    ).toBeTruthy();
    expect(within(newest).getByText('Start')).toBeInTheDocument();
    expect(within(newest).getAllByText('failed').length).toBeGreaterThan(0);
    expect(within(newest).getByText('jane').closest('a')).toHaveAttribute(
      'href',
      '/catalog/default/user/jane',
    );
    expect(within(newest).getByText('pull failed')).toBeInTheDocument();
    expect(within(newest).getByText('observe')).toBeInTheDocument();
    expect(
      newest.querySelector('time[datetime="2026-03-10T10:00:00.000Z"]'),
    ).not.toBeNull();
    expect(
      newest.querySelector('time[datetime="2026-03-10T10:00:05.000Z"]'),
    ).not.toBeNull();
    expect(
      within(newest).getByText(
        'Image ghcr.io/example/orders-api:2.4.0 not found',
      ),
    ).toBeInTheDocument();

    expect(within(oldest).getByText('Create')).toBeInTheDocument();
    expect(
      within(oldest).getByText(/requested by service:scaffolder/),
    ).toBeInTheDocument();
    expect(within(oldest).getAllByText('succeeded')).toHaveLength(2);
  });

  it('stops an environment: POSTs, shows the operation and refreshes', async () => {
    const state = { environment: shopDev(), operations: [] as Operation[] };
    const requests = serveEnvironment(server, state);
    const stops: string[] = [];
    server.use(
      http.post(`${TEST_BACKEND_URL}/environments/:name/stop`, ({ params }) => {
        stops.push(String(params.name));
        const operation = makeOperation({
          id: 'op-stop',
          type: 'stop',
          status: 'queued',
          steps: [{ name: 'stop', status: 'queued' }],
        });
        state.environment = {
          ...state.environment,
          desiredState: 'stopped',
          status: 'stopping',
        };
        state.operations = [operation];
        return HttpResponse.json(
          { environment: state.environment, operation },
          { status: 202 },
        );
      }),
    );
    const user = userEvent.setup();

    await renderAt('/environments/shop-dev');
    await screen.findByText('Services (2)');
    const loadsBefore = requests.length;

    await user.click(await enabledButton('Stop'));

    const operation = await screen.findByTestId('operation-op-stop');
    expect(stops).toEqual(['shop-dev']);
    expect(within(operation).getByText('Stop')).toBeInTheDocument();
    expect(within(operation).getAllByText('queued').length).toBeGreaterThan(0);
    expect(
      within(section('Overview')).getByText('stopping'),
    ).toBeInTheDocument();
    // the page loaded environment and operations again
    await waitFor(() =>
      expect(requests.slice(loadsBefore)).toEqual(
        expect.arrayContaining([
          '/api/environments/environments/shop-dev',
          '/api/environments/environments/shop-dev/operations',
        ]),
      ),
    );
    // now Stop makes no sense, Start does
    expect(await disabledReason('Stop')).toBe(
      'The environment is already stopping',
    );
  });

  it('asks before stopping production', async () => {
    const state = {
      environment: shopDev({ name: 'shop-prod', mode: 'production' }),
      operations: [] as Operation[],
    };
    serveEnvironment(server, state);
    const stops: string[] = [];
    server.use(
      http.post(`${TEST_BACKEND_URL}/environments/:name/stop`, ({ params }) => {
        stops.push(String(params.name));
        const operation = makeOperation({ id: 'op-9', type: 'stop' });
        state.operations = [operation];
        return HttpResponse.json({ operation }, { status: 202 });
      }),
    );
    const user = userEvent.setup();

    await renderAt('/environments/shop-prod');
    await user.click(await enabledButton('Stop'));

    const dialog = await screen.findByRole('dialog');
    expect(dialog).toHaveTextContent('Stop production environment shop-prod?');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(stops).toEqual([]);

    await user.click(await enabledButton('Stop'));
    await user.click(
      within(await screen.findByRole('dialog')).getByRole('button', {
        name: 'Stop production',
      }),
    );

    await waitFor(() => expect(stops).toEqual(['shop-prod']));
    expect(await screen.findByTestId('operation-op-9')).toBeInTheDocument();
  });

  it('destroys only after the name is typed', async () => {
    const state = { environment: shopDev(), operations: [] as Operation[] };
    serveEnvironment(server, state);
    const deletes: string[] = [];
    server.use(
      http.delete(`${TEST_BACKEND_URL}/environments/:name`, ({ params }) => {
        deletes.push(String(params.name));
        state.environment = shopDev({
          desiredState: 'deleted',
          status: 'deleting',
        });
        state.operations = [
          makeOperation({
            id: 'op-destroy',
            type: 'destroy',
            status: 'queued',
          }),
        ];
        return HttpResponse.json(
          { environment: state.environment, operation: state.operations[0] },
          { status: 202 },
        );
      }),
    );
    const user = userEvent.setup();

    await renderAt('/environments/shop-dev');
    await user.click(await enabledButton('Destroy'));

    const dialog = await screen.findByRole('dialog');
    const confirm = within(dialog).getByRole('button', { name: 'Destroy' });
    expect(confirm).toBeDisabled();

    const input = within(dialog).getByLabelText('Environment name');
    await user.type(input, 'shop-de{enter}');
    expect(confirm).toBeDisabled();
    expect(screen.getByRole('dialog')).toBeInTheDocument();
    expect(deletes).toEqual([]);

    await user.type(input, 'v');
    expect(confirm).toBeEnabled();
    await user.click(confirm);

    await waitFor(() => expect(deletes).toEqual(['shop-dev']));
    expect(
      await screen.findByTestId('operation-op-destroy'),
    ).toBeInTheDocument();
    expect(await disabledReason('Destroy')).toBe(
      'The environment is being destroyed',
    );
  });

  it('shows why the backend refused an action', async () => {
    serveEnvironment(server, { environment: shopDev(), operations: [] });
    server.use(
      http.post(`${TEST_BACKEND_URL}/environments/:name/stop`, () =>
        errorResponse(409, 'ConflictError', "Environment 'shop-dev' changed"),
      ),
    );
    const user = userEvent.setup();

    await renderAt('/environments/shop-dev');
    await user.click(await enabledButton('Stop'));

    expect(
      await screen.findByText(
        "Could not stop shop-dev: Environment 'shop-dev' changed",
      ),
    ).toBeInTheDocument();
  });

  it('disables the actions, with the reason, when permission is denied', async () => {
    serveEnvironment(server, {
      environment: shopDev({ name: 'locked-env' }),
      operations: [],
    });

    await renderAt('/environments/locked-env', {
      permissionApi: mockApis.permission({ authorize: AuthorizeResult.DENY }),
    });

    await screen.findByText('Services (2)');
    expect(await disabledReason('Stop')).toBe(
      'You are not allowed to stop this environment',
    );
    await userEvent.unhover(screen.getByTestId('stop-disabled'));
    expect(await disabledReason('Destroy')).toBe(
      'You are not allowed to destroy this environment',
    );
  });

  it('checks lifecycle and delete permissions separately', async () => {
    serveEnvironment(server, {
      environment: shopDev({
        name: 'no-delete-env',
        status: 'stopped',
        desiredState: 'stopped',
      }),
      operations: [],
    });

    await renderAt('/environments/no-delete-env', {
      permissionApi: permissions(name =>
        name === 'environments.environment.delete'
          ? AuthorizeResult.DENY
          : AuthorizeResult.ALLOW,
      ),
    });

    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Start' })).toBeEnabled(),
    );
    expect(await disabledReason('Stop')).toBe(
      'The environment is already stopped',
    );
    await userEvent.unhover(screen.getByTestId('stop-disabled'));
    expect(await disabledReason('Destroy')).toBe(
      'You are not allowed to destroy this environment',
    );
  });

  it('polls operations while one runs, shows the progress and stops when it finished', async () => {
    const running = makeOperation({
      id: 'op-start',
      type: 'start',
      status: 'running',
      steps: [
        {
          name: 'start',
          status: 'running',
          startedAt: new Date().toISOString(),
        },
        { name: 'observe', status: 'queued' },
      ],
    });
    const state = {
      environment: shopDev({ status: 'starting' }),
      operations: [running],
    };
    let operationRequests = 0;
    serveEnvironment(server, state);
    server.use(
      http.get(`${TEST_BACKEND_URL}/environments/:name/operations`, () => {
        operationRequests++;
        if (operationRequests >= 3) {
          state.operations = [
            {
              ...running,
              status: 'succeeded',
              steps: running.steps.map(step => ({
                ...step,
                status: 'succeeded' as const,
              })),
            },
          ];
          state.environment = { ...state.environment, status: 'running' };
        }
        return HttpResponse.json({ items: state.operations });
      }),
    );

    await renderAt('/environments/shop-dev', { pollIntervalMs: 30 });

    const item = await screen.findByTestId('operation-op-start');
    expect(within(item).getAllByText('running').length).toBeGreaterThan(0);
    expect(screen.getByText('In progress, updating live')).toBeInTheDocument();

    await waitFor(() =>
      expect(
        within(screen.getByTestId('operation-op-start')).getAllByText(
          'succeeded',
        ),
      ).toHaveLength(3),
    );
    // the environment was reloaded when the operation moved on
    await waitFor(() =>
      expect(
        within(section('Overview')).getByText('running'),
      ).toBeInTheDocument(),
    );
    expect(
      screen.queryByText('In progress, updating live'),
    ).not.toBeInTheDocument();

    const settled = operationRequests;
    await new Promise(resolve => setTimeout(resolve, 200));
    expect(operationRequests).toBe(settled);
  });

  it('stops polling when the page is left', async () => {
    let operationRequests = 0;
    serveEnvironment(server, {
      environment: shopDev({ status: 'provisioning' }),
      operations: [],
    });
    server.use(
      http.get(`${TEST_BACKEND_URL}/environments/:name/operations`, () => {
        operationRequests++;
        return HttpResponse.json({
          items: [
            makeOperation({
              id: 'op-create',
              type: 'create',
              status: 'queued',
            }),
          ],
        });
      }),
    );

    const { unmount } = await renderAt('/environments/shop-dev', {
      pollIntervalMs: 30,
    });
    await screen.findByTestId('operation-op-create');
    await waitFor(() => expect(operationRequests).toBeGreaterThan(2));

    unmount();
    const atUnmount = operationRequests;
    await new Promise(resolve => setTimeout(resolve, 200));
    expect(operationRequests).toBeLessThanOrEqual(atUnmount + 1);
  });

  it('says so when there is no such environment, with a way back', async () => {
    serveEnvironment(server, { environment: shopDev(), operations: [] });

    await renderAt('/environments/nope');

    expect(
      await screen.findByText('No environment named nope'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'All environments' }),
    ).toHaveAttribute('href', '/environments');
  });

  it('shows other errors with the backend message', async () => {
    server.use(
      http.get(`${TEST_BACKEND_URL}/environments/:name`, () =>
        errorResponse(500, 'Error', 'database is locked'),
      ),
      http.get(`${TEST_BACKEND_URL}/environments/:name/operations`, () =>
        HttpResponse.json({ items: [] }),
      ),
    );

    await renderAt('/environments/shop-dev');

    expect(
      await screen.findByText(/request failed with 500/i),
    ).toBeInTheDocument();
    expect(screen.getByText(/database is locked/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Retry' })).toBeInTheDocument();
  });
});
