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
  postgresqlTemplate,
  redisTemplate,
  serveTemplates,
} from '../../__testUtils__/templates';
import {
  errorResponse,
  serveEnvironment,
  testApis,
  testMountedRoutesWithEnvironments,
  TEST_BACKEND_URL,
} from '../../__testUtils__/testApp';
import { EnvironmentsRouter } from '../EnvironmentsRouter';
import { describeTemplateUpgrade } from './TemplateUpgradeNotices';
import { inPage } from '../../__testUtils__/pageRouter';

function shopDev(): ApiEnvironment {
  return makeEnvironment({
    name: 'shop-dev',
    title: 'Shop development',
    services: [
      makeService({ name: 'api', kind: 'application' }),
      makeService({
        name: 'orders-db',
        kind: 'database',
        template: {
          ref: 'servicetemplate:default/postgresql',
          version: '1.2.0',
        },
        database: { engine: 'postgresql', version: '13', mode: 'container' },
      }),
      makeService({
        name: 'cache',
        kind: 'container',
        template: { ref: 'servicetemplate:default/redis', version: '1.1.0' },
      }),
    ],
  });
}

const upgrades = [
  {
    service: 'orders-db',
    template: 'servicetemplate:default/postgresql',
    version: '1.2.0',
    status: 'deprecated',
    latest: '2.0.0',
  },
  {
    service: 'cache',
    template: 'servicetemplate:default/redis',
    version: '1.1.0',
    status: 'outdated',
    latest: '1.2.0',
  },
  {
    service: 'web',
    template: 'servicetemplate:default/node-api',
    version: '3.0.1',
    status: 'current',
    latest: '3.0.1',
  },
];

const plan = {
  service: 'orders-db',
  from: '1.2.0',
  to: '2.0.0',
  changes: [
    { path: 'image.tag', before: '13-alpine', after: '16-alpine' },
    { path: 'resources.memory', before: '512Mi', after: '1Gi' },
    { path: 'database.instanceClass', after: 'db.t4g.micro' },
  ],
};

/**
 * Serves shop-dev, its template upgrades and the upgrade endpoint: a dry run
 * answers `plan`, a real upgrade a running operation. Records the requests.
 */
function serve(server: ReturnType<typeof setupServer>) {
  const state = { environment: shopDev(), operations: [] as Operation[] };
  serveEnvironment(server, state);
  const upgradeRequests: Array<{ service: string; body: any }> = [];
  server.use(
    http.get(`${TEST_BACKEND_URL}/environments/:name/template-upgrades`, () =>
      HttpResponse.json({ items: upgrades }),
    ),
    http.post(
      `${TEST_BACKEND_URL}/environments/:name/services/:service/upgrade`,
      async ({ params, request }) => {
        const body = (await request.json()) as any;
        upgradeRequests.push({ service: String(params.service), body });
        if (body.dryRun) {
          return HttpResponse.json(plan);
        }
        const operation = makeOperation({
          id: 'op-upgrade',
          type: 'update',
          status: 'running',
          steps: [{ name: 'upgrade orders-db', status: 'running' }],
        });
        state.operations = [operation];
        return HttpResponse.json({ operation }, { status: 202 });
      },
    ),
  );
  return { state, upgradeRequests };
}

function renderAt(url: string) {
  return renderInTestApp(inPage(<EnvironmentsRouter />), {
    apis: [
      ...testApis,
      mockApis.permission({ authorize: AuthorizeResult.ALLOW }),
    ] as const,
    mountedRoutes: testMountedRoutesWithEnvironments,
    mountPath: '/environments',
    initialRouteEntries: [url],
  });
}

describe('describeTemplateUpgrade', () => {
  it('says what is deprecated or outdated and what is available', () => {
    expect(
      describeTemplateUpgrade({
        service: 'orders-db',
        template: 'servicetemplate:default/postgresql',
        version: '1.2.0',
        status: 'deprecated',
        latest: '2.0.0',
      }),
    ).toBe(
      'orders-db uses postgresql 1.2.0, which is deprecated; 2.0.0 is available',
    );
    expect(
      describeTemplateUpgrade({
        service: 'db',
        template: 'servicetemplate:default/postgresql-legacy',
        version: '1.4.2',
        status: 'deprecated',
      }),
    ).toBe(
      'db uses postgresql-legacy 1.4.2, which is deprecated; no newer version is available yet',
    );
    expect(
      describeTemplateUpgrade({
        service: 'cache',
        template: 'servicetemplate:default/redis',
        version: '1.1.0',
        status: 'outdated',
        latest: '1.2.0',
      }),
    ).toBe('cache uses redis 1.1.0; 1.2.0 is available');
  });
});

describe('Template upgrades on the environment page', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  it('shows a notice per outdated or deprecated service', async () => {
    serve(server);

    await renderAt('/environments/shop-dev');

    const deprecated = await screen.findByTestId('template-upgrade-orders-db');
    expect(deprecated).toHaveTextContent(
      'orders-db uses postgresql 1.2.0, which is deprecated; 2.0.0 is available',
    );
    expect(
      within(deprecated).getByRole('button', { name: 'Upgrade orders-db' }),
    ).toBeEnabled();
    expect(screen.getByTestId('template-upgrade-cache')).toHaveTextContent(
      'cache uses redis 1.1.0; 1.2.0 is available',
    );
    // current services get no notice
    expect(screen.queryByTestId('template-upgrade-web')).toBeNull();
  });

  it('shows the changes of the upgrade first and applies them only when confirmed', async () => {
    const { upgradeRequests } = serve(server);
    const user = userEvent.setup();

    await renderAt('/environments/shop-dev');
    await user.click(
      await screen.findByRole('button', { name: 'Upgrade orders-db' }),
    );
    const dialog = await screen.findByRole('dialog');

    expect(
      await within(dialog).findByRole('heading', {
        name: 'Upgrade orders-db from 1.2.0 to 2.0.0',
      }),
    ).toBeInTheDocument();
    const tag = within(dialog).getByTestId('upgrade-change-image.tag');
    expect(
      within(tag)
        .getAllByRole('cell')
        .map(c => c.textContent),
    ).toEqual(['image.tag', '13-alpine', '16-alpine']);
    expect(
      within(dialog).getByTestId('upgrade-change-database.instanceClass'),
    ).toHaveTextContent('database.instanceClass—db.t4g.micro');
    // only the dry run so far
    expect(upgradeRequests).toEqual([
      { service: 'orders-db', body: { dryRun: true } },
    ]);

    await user.click(within(dialog).getByRole('button', { name: 'Upgrade' }));

    expect(
      await screen.findByTestId('operation-op-upgrade'),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(upgradeRequests).toEqual([
      { service: 'orders-db', body: { dryRun: true } },
      { service: 'orders-db', body: {} },
    ]);
  });

  it('says so when there is nothing newer to upgrade to', async () => {
    serve(server);
    server.use(
      http.post(
        `${TEST_BACKEND_URL}/environments/:name/services/:service/upgrade`,
        () => errorResponse(409, 'ConflictError', 'cache already uses 1.2.0'),
      ),
    );
    const user = userEvent.setup();

    await renderAt('/environments/shop-dev');
    await user.click(
      await screen.findByRole('button', { name: 'Upgrade cache' }),
    );
    const dialog = await screen.findByRole('dialog');

    expect(await within(dialog).findByText('Nothing to upgrade')).toBeVisible();
    expect(within(dialog).getByText('cache already uses 1.2.0')).toBeVisible();
    expect(
      within(dialog).getByRole('button', { name: 'Upgrade' }),
    ).toBeDisabled();
  });

  it('adds a service from a template chosen on the environment page', async () => {
    const { state } = serve(server);
    serveTemplates(server, [postgresqlTemplate, redisTemplate]);
    const bodies: any[] = [];
    server.use(
      http.post(
        `${TEST_BACKEND_URL}/environments/:name/services`,
        async ({ request }) => {
          const body = (await request.json()) as any;
          bodies.push(body);
          if (body.dryRun) {
            return HttpResponse.json({
              service: {
                name: body.name,
                kind: 'database',
                image: {
                  repository: 'docker.io/library/postgres',
                  tag: '15-alpine',
                },
                ports: [{ port: 5432, public: false }],
                resources: { cpu: '500m', memory: '1Gi', storage: '20Gi' },
                replicas: 1,
                database: {
                  engine: 'postgresql',
                  version: '15',
                  mode: 'container',
                  storageGb: 20,
                },
                customDomains: [],
                variables: [],
              },
            });
          }
          const operation = makeOperation({
            id: 'op-add',
            type: 'update',
            status: 'running',
            steps: [{ name: 'add reports-db', status: 'running' }],
          });
          state.operations = [operation];
          return HttpResponse.json({ operation }, { status: 202 });
        },
      ),
    );
    const user = userEvent.setup();

    await renderAt('/environments/shop-dev');
    await screen.findByText('Services (3)');
    await user.click(screen.getByRole('button', { name: 'Add service' }));
    const dialog = await screen.findByRole('dialog');

    await user.click(
      await within(dialog).findByRole('button', { name: 'PostgreSQL 2.1.0' }),
    );
    const name = within(dialog).getByLabelText(/Service name/);
    // no environment select: the environment is given
    expect(within(dialog).queryByLabelText('Environment')).toBeNull();

    // a name the environment already uses is flagged at once
    await user.clear(name);
    await user.type(name, 'orders-db');
    expect(
      within(dialog).getByText(
        'shop-dev already has a service named orders-db',
      ),
    ).toBeInTheDocument();
    await user.clear(name);
    await user.type(name, 'reports-db');

    // pick a version in the generated form
    await user.click(within(dialog).getByRole('button', { name: /16/ }));
    await user.click(await screen.findByRole('option', { name: '15' }));

    await user.click(within(dialog).getByRole('button', { name: 'Preview' }));
    const preview = await within(dialog).findByTestId('service-preview');
    expect(preview).toHaveTextContent('postgresql 15 (container), 20 GB');
    expect(preview).toHaveTextContent('docker.io/library/postgres:15-alpine');

    await user.click(within(dialog).getByRole('button', { name: 'Add' }));

    expect(await screen.findByTestId('operation-op-add')).toBeInTheDocument();
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(bodies).toEqual([
      {
        template: 'servicetemplate:default/postgresql',
        name: 'reports-db',
        parameters: { version: '15', mode: 'container', storageGb: 20 },
        dryRun: true,
      },
      {
        template: 'servicetemplate:default/postgresql',
        name: 'reports-db',
        parameters: { version: '15', mode: 'container', storageGb: 20 },
      },
    ]);
  });
});
