import type { Entity } from '@backstage/catalog-model';
import {
  mockApis,
  registerMswTestHooks,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
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
  testApis,
  testMountedRoutesWithEnvironments,
  TEST_BACKEND_URL,
} from '../../__testUtils__/testApp';
import { EnvironmentsRouter } from '../EnvironmentsRouter';
import { inPage } from '../../__testUtils__/pageRouter';

function entity(
  kind: string,
  name: string,
  extra: {
    annotations?: Record<string, string>;
    spec?: object;
    title?: string;
  } = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: {
      name,
      namespace: 'default',
      title: extra.title,
      annotations: extra.annotations,
    },
    spec: extra.spec ?? {},
  };
}

const catalog = [
  entity('System', 'shop', { title: 'Shop' }),
  entity('System', 'payments', { title: 'Payments' }),
  entity('Group', 'team-shop'),
  entity('Group', 'team-payments'),
  entity('Component', 'storefront', {
    title: 'Storefront',
    annotations: {
      'github.com/project-slug': 'example/storefront',
      'greenroom.dev/image': 'ghcr.io/example/storefront:1.8.2',
      'greenroom.dev/ports': '3000',
    },
    spec: { type: 'website', owner: 'team-shop', system: 'shop' },
  }),
  entity('Component', 'legacy-billing', {
    spec: { type: 'service', owner: 'team-shop', system: 'shop' },
  }),
  entity('Component', 'payments-worker', {
    title: 'Payments worker',
    annotations: {
      'greenroom.dev/image': 'ghcr.io/example/payments-worker:0.9.3',
      'greenroom.dev/ports': '8080,9090',
    },
    spec: { type: 'service', owner: 'team-payments', system: 'payments' },
  }),
];

function renderForm(options: { ownershipEntityRefs?: string[] } = {}) {
  return renderInTestApp(inPage(<EnvironmentsRouter />), {
    apis: [
      ...testApis,
      mockApis.permission(),
      mockApis.identity({
        userEntityRef: 'user:default/guest',
        ownershipEntityRefs: options.ownershipEntityRefs ?? [
          'user:default/guest',
          'group:default/team-shop',
        ],
      }),
      [catalogApiRef, catalogApiMock({ entities: catalog })],
    ] as const,
    mountedRoutes: testMountedRoutesWithEnvironments,
    mountPath: '/environments',
    initialRouteEntries: ['/environments/new'],
  });
}

async function pickComponent(label: string | RegExp) {
  await userEvent.click(screen.getByLabelText('Components'));
  await userEvent.click(await screen.findByRole('option', { name: label }));
}

function serviceGroup(name: string): HTMLElement {
  return screen.getByRole('group', { name: `Service ${name}` });
}

async function fillEnvironment(
  user: ReturnType<typeof userEvent.setup>,
  values: { name: string; system?: string; mode?: string },
) {
  await user.type(screen.getByLabelText(/^Name/), values.name);
  if (values.mode) {
    await user.selectOptions(screen.getByLabelText(/^Mode/), values.mode);
  }
  await user.selectOptions(
    screen.getByLabelText(/^System/),
    values.system ?? 'system:default/shop',
  );
}

describe('NewEnvironmentPage', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  it('turns a picked Component into a service row with the defaults of its annotations', async () => {
    await renderForm();
    await screen.findByLabelText('Components');

    await pickComponent(/Storefront/);

    const row = serviceGroup('storefront');
    expect(within(row).getByLabelText('Service name')).toHaveValue(
      'storefront',
    );
    expect(within(row).getByLabelText('Image')).toHaveValue(
      'ghcr.io/example/storefront:1.8.2',
    );
    expect(within(row).getByLabelText('Ports')).toHaveValue('3000');
    expect(
      within(row).getByText('application from Component Storefront'),
    ).toBeInTheDocument();
    expect(within(row).queryByText(/still missing/)).not.toBeInTheDocument();
  });

  it('warns about what a Component lacks until the user fills it in', async () => {
    const user = userEvent.setup();
    await renderForm();
    await screen.findByLabelText('Components');

    await pickComponent(/legacy-billing/);

    const row = serviceGroup('legacy-billing');
    expect(within(row).getByRole('alert')).toHaveTextContent(
      'image: no greenroom.dev/image annotation',
    );
    expect(within(row).getByRole('alert')).toHaveTextContent(
      'ports: no greenroom.dev/ports annotation',
    );

    await user.type(within(row).getByLabelText('Image'), 'Not An Image');
    expect(
      within(row).getByText(/^Not an image reference: repository:/),
    ).toBeInTheDocument();

    await user.clear(within(row).getByLabelText('Image'));
    await user.type(
      within(row).getByLabelText('Image'),
      'localhost:5000/billing:4.2',
    );
    await user.type(within(row).getByLabelText('Ports'), '8080');

    expect(within(row).queryByText(/still missing/)).not.toBeInTheDocument();
  });

  it('removes the row when the Component is removed', async () => {
    const user = userEvent.setup();
    await renderForm();
    await screen.findByLabelText('Components');
    await pickComponent(/Storefront/);

    await user.click(screen.getByRole('button', { name: 'Remove storefront' }));

    expect(
      screen.queryByRole('group', { name: 'Service storefront' }),
    ).not.toBeInTheDocument();
    expect(screen.getByText(/No services yet/)).toBeInTheDocument();
  });

  it('offers only the Components of the chosen system', async () => {
    const user = userEvent.setup();
    await renderForm();
    await screen.findByLabelText('Components');

    await user.selectOptions(
      screen.getByLabelText(/^System/),
      'system:default/payments',
    );
    await user.click(screen.getByLabelText('Components'));

    const listbox = await screen.findByRole('listbox');
    expect(
      within(listbox).getByRole('option', { name: /Payments worker/ }),
    ).toBeInTheDocument();
    expect(
      within(listbox).queryByRole('option', { name: /Storefront/ }),
    ).not.toBeInTheDocument();
  });

  it('chooses the first group of the signed-in user as owner', async () => {
    await renderForm({
      ownershipEntityRefs: [
        'user:default/guest',
        'group:default/team-payments',
        'group:default/team-shop',
      ],
    });

    expect(await screen.findByLabelText(/^Owner/)).toHaveValue(
      'group:default/team-payments',
    );
  });

  it('offers an admin every group of the catalog as owner, saying why', async () => {
    // every permission is allowed in this file, environments.admin too
    await renderForm();

    const owner = await screen.findByLabelText(/^Owner/);
    expect(
      within(owner)
        .getAllByRole('option')
        .map(o => o.textContent),
    ).toEqual(['Choose a group', 'team-payments', 'team-shop']);
    expect(owner).toHaveAccessibleDescription(
      'Any group: you hold environments.admin',
    );
    expect(
      within(screen.getByLabelText(/^Mode/)).getByRole('option', {
        name: 'production',
      }),
    ).toBeEnabled();
  });

  it('leaves the owner empty for a user in no group', async () => {
    await renderForm({ ownershipEntityRefs: ['user:default/guest'] });

    expect(await screen.findByLabelText(/^Owner/)).toHaveValue('');
  });

  it('checks the name as it is typed and offers a valid one', async () => {
    const user = userEvent.setup();
    await renderForm();
    const name = await screen.findByLabelText(/^Name/);

    await user.type(name, 'Feature/Login');

    expect(
      screen.getByText(/^Lower case letters, digits and "-", starting/),
    ).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'feature-login' }));
    expect(name).toHaveValue('feature-login');
    expect(
      screen.queryByText(/^Lower case letters, digits and "-", starting/),
    ).not.toBeInTheDocument();
  });

  it('follows the mode with the policy defaults', async () => {
    const user = userEvent.setup();
    await renderForm();

    const idle = await screen.findByLabelText('Stop when idle for');
    expect(idle).toHaveValue('2h');
    expect(screen.queryByLabelText('Delete after')).not.toBeInTheDocument();

    await user.selectOptions(screen.getByLabelText(/^Mode/), 'production');
    expect(idle).toHaveValue('');

    await user.selectOptions(screen.getByLabelText(/^Mode/), 'preview');
    expect(idle).toHaveValue('2h');
    expect(screen.getByLabelText('Delete after')).toHaveValue('3d');
  });

  it('posts the environment and opens its page, where progress shows', async () => {
    const bodies: unknown[] = [];
    const keys: Array<string | null> = [];
    let created: ApiEnvironment | undefined;
    server.use(
      http.post(`${TEST_BACKEND_URL}/environments`, async ({ request }) => {
        const body = (await request.json()) as { name: string };
        bodies.push(body);
        keys.push(request.headers.get('idempotency-key'));
        created = makeEnvironment({
          name: body.name,
          status: 'provisioning',
          mode: 'preview',
        });
        return HttpResponse.json(
          {
            environment: created,
            operation: makeOperation({
              id: 'op-create',
              type: 'create',
              status: 'running',
            }),
          },
          { status: 202 },
        );
      }),
      http.get(`${TEST_BACKEND_URL}/environments/:name`, ({ params }) =>
        created && params.name === created.name
          ? HttpResponse.json(created)
          : errorResponse(404, 'NotFoundError', 'nope'),
      ),
      http.get(`${TEST_BACKEND_URL}/environments/:name/operations`, () =>
        HttpResponse.json({
          items: [
            makeOperation({
              id: 'op-create',
              type: 'create',
              status: 'running',
              steps: [{ name: 'resolve', status: 'running' }],
            }),
          ],
        }),
      ),
    );
    const user = userEvent.setup();
    await renderForm();
    await screen.findByLabelText('Components');

    await fillEnvironment(user, { name: 'feature-login', mode: 'preview' });
    await user.type(screen.getByLabelText('Title'), 'Feature: login');
    await pickComponent(/Storefront/);
    await user.click(screen.getByRole('button', { name: 'Add PostgreSQL' }));
    await user.click(screen.getByRole('button', { name: 'Add Redis' }));
    await user.clear(screen.getByLabelText('Stop when idle for'));
    await user.type(screen.getByLabelText('Stop when idle for'), '4h');

    await user.click(
      screen.getByRole('button', { name: 'Create environment' }),
    );

    expect(
      await screen.findByTestId('operation-op-create'),
    ).toBeInTheDocument();
    expect(screen.getAllByText('provisioning').length).toBeGreaterThan(0);
    expect(
      screen.getByRole('heading', { name: 'feature-login' }),
    ).toBeInTheDocument();
    expect(keys).toEqual([expect.any(String)]);
    expect(bodies).toEqual([
      {
        name: 'feature-login',
        title: 'Feature: login',
        system: 'system:default/shop',
        owner: 'group:default/team-shop',
        mode: 'preview',
        services: [
          {
            name: 'storefront',
            kind: 'application',
            componentRef: 'component:default/storefront',
            image: { repository: 'ghcr.io/example/storefront', tag: '1.8.2' },
            git: { repository: 'example/storefront' },
            ports: [{ port: 3000, public: true }],
            resources: { cpu: '250m', memory: '256Mi' },
            replicas: 1,
            customDomains: [],
            variables: [],
          },
          {
            name: 'db',
            kind: 'database',
            database: {
              engine: 'postgresql',
              version: '16',
              mode: 'container',
            },
            ports: [],
            resources: { cpu: '250m', memory: '256Mi', storage: '1Gi' },
            replicas: 1,
            customDomains: [],
            variables: [],
          },
          {
            name: 'cache',
            kind: 'database',
            database: { engine: 'redis', version: '7', mode: 'container' },
            ports: [],
            resources: { cpu: '250m', memory: '256Mi' },
            replicas: 1,
            customDomains: [],
            variables: [],
          },
        ],
        variables: [],
        policy: { idleAfter: '4h', ttl: '3d' },
      },
    ]);
  });

  it('shows the backend 400 next to the form and marks the field it names', async () => {
    const requests: unknown[] = [];
    server.use(
      http.post(`${TEST_BACKEND_URL}/environments`, async ({ request }) => {
        requests.push(await request.json());
        return errorResponse(
          400,
          'InputError',
          'services[0].image.tag: must be an image tag such as "1.4.2" or "latest"',
        );
      }),
    );
    const user = userEvent.setup();
    await renderForm();
    await screen.findByLabelText('Components');
    await fillEnvironment(user, { name: 'feature-login' });
    await pickComponent(/Storefront/);

    await user.click(
      screen.getByRole('button', { name: 'Create environment' }),
    );

    const alert = await screen.findByText('The environment was not created');
    expect(alert.closest('[role="alert"]')).toHaveTextContent(
      'services[0].image.tag: must be an image tag such as "1.4.2" or "latest"',
    );
    expect(requests).toHaveLength(1);
    // still on the form, with the service the message names marked
    expect(
      within(serviceGroup('storefront')).getByText(
        'services[0].image.tag: must be an image tag such as "1.4.2" or "latest"',
      ),
    ).toBeInTheDocument();
  });

  it('marks the service a limit names by its name', async () => {
    server.use(
      http.post(`${TEST_BACKEND_URL}/environments`, () =>
        errorResponse(
          400,
          'InputError',
          'services.storefront.resources.memory: at most 128Mi (environments.limits.maxMemory)',
        ),
      ),
    );
    const user = userEvent.setup();
    await renderForm();
    await screen.findByLabelText('Components');
    await fillEnvironment(user, { name: 'feature-login' });
    await pickComponent(/Storefront/);

    await user.click(
      screen.getByRole('button', { name: 'Create environment' }),
    );

    expect(
      await within(serviceGroup('storefront')).findByText(
        'services.storefront.resources.memory: at most 128Mi (environments.limits.maxMemory)',
      ),
    ).toBeInTheDocument();
  });

  it('says when the name is taken', async () => {
    server.use(
      http.post(`${TEST_BACKEND_URL}/environments`, () =>
        errorResponse(
          409,
          'ConflictError',
          "environment 'taken' already exists",
        ),
      ),
    );
    const user = userEvent.setup();
    await renderForm();
    await screen.findByLabelText('Components');
    await fillEnvironment(user, { name: 'taken' });

    await user.click(
      screen.getByRole('button', { name: 'Create environment' }),
    );

    expect(
      await screen.findByText("environment 'taken' already exists"),
    ).toBeInTheDocument();
    expect(screen.getByLabelText(/^Name/)).toHaveValue('taken');
  });

  it('marks the field the server names', async () => {
    server.use(
      http.post(`${TEST_BACKEND_URL}/environments`, () =>
        errorResponse(
          400,
          'InputError',
          'name: must be lower case letters, digits and "-"',
        ),
      ),
    );
    const user = userEvent.setup();
    await renderForm();
    await screen.findByLabelText('Components');
    await fillEnvironment(user, { name: 'taken' });

    await user.click(
      screen.getByRole('button', { name: 'Create environment' }),
    );

    await waitFor(() =>
      expect(screen.getByLabelText(/^Name/)).toHaveAttribute(
        'aria-invalid',
        'true',
      ),
    );
    expect(
      screen.getAllByText('must be lower case letters, digits and "-"').length,
    ).toBeGreaterThan(0);
  });

  it('does not post until name and system are given', async () => {
    let posts = 0;
    server.use(
      http.post(`${TEST_BACKEND_URL}/environments`, () => {
        posts++;
        return HttpResponse.json({}, { status: 202 });
      }),
    );
    const user = userEvent.setup();
    await renderForm();
    await screen.findByLabelText('Components');

    await user.click(
      screen.getByRole('button', { name: 'Create environment' }),
    );

    expect(await screen.findAllByText('Required')).toHaveLength(2);
    expect(screen.getByLabelText(/^Name/)).toHaveAttribute(
      'aria-invalid',
      'true',
    );
    expect(screen.getByLabelText(/^System/)).toHaveAttribute(
      'aria-invalid',
      'true',
    );
    expect(posts).toBe(0);
  });
});
