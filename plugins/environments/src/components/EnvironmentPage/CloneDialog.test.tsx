import {
  mockApis,
  registerMswTestHooks,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
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
  testApis,
  testMountedRoutesWithEnvironments,
  TEST_BACKEND_URL,
} from '../../__testUtils__/testApp';
import { serveCost } from '../../__testUtils__/cost';
import { EnvironmentsRouter } from '../EnvironmentsRouter';
import { inPage } from '../../__testUtils__/pageRouter';

function staging(name = 'shop-staging'): ApiEnvironment {
  return makeEnvironment({
    name,
    mode: 'staging',
    services: [
      makeService({ name: 'web', kind: 'application' }),
      makeService({ name: 'payments-worker', kind: 'application' }),
      makeService({
        name: 'orders-db',
        kind: 'database',
        database: { engine: 'postgresql', version: '16', mode: 'managed' },
      }),
    ],
  });
}

const plan = {
  input: {
    name: 'shop-staging-copy',
    system: 'system:default/shop',
    owner: 'group:default/team-shop',
    mode: 'development',
    services: [],
    variables: [],
  },
  attention: [
    {
      item: 'secret:payments-worker/STRIPE_KEY',
      reason: 'secrets are not copied: set a value for the clone',
    },
    {
      item: 'domain:shop.example.com',
      reason: 'custom domains stay with shop-staging',
    },
  ],
  data: [
    {
      service: 'orders-db',
      engine: 'postgresql',
      action: 'restore-snapshot',
      detail: 'restored from a snapshot of orders-db-shop-staging',
    },
  ],
  diff: [
    { kind: 'changed', path: 'name', from: 'shop-staging', to: 'dev-ada' },
    {
      kind: 'changed',
      path: 'services.web.variables.API_URL',
      from: 'http://web-shop-staging:8080',
      to: 'http://web-dev-ada:8080',
    },
    { kind: 'copied', path: 'services.web', to: 'application' },
    {
      kind: 'attention',
      path: 'services.payments-worker.variables.STRIPE_KEY',
      reason: 'secrets are not copied: set a value for the clone',
    },
    {
      kind: 'data',
      path: 'services.orders-db',
      to: 'restore-snapshot',
    },
  ],
};

/**
 * Serves the environments in `state` by name (404 for others), their
 * operations, and the clone endpoint: a dry run answers `dryRunPlan`, a real clone
 * adds the new environment to `state`. Records each clone request's body.
 */
function serve(
  server: ReturnType<typeof setupServer>,
  state: { environments: ApiEnvironment[]; operations: Operation[] },
  dryRunPlan: object = plan,
) {
  const clones: Array<{ source: string; body: any }> = [];
  const lookups: string[] = [];
  // The cost card of the environment page: nothing has cost anything yet.
  serveCost(server);
  server.use(
    http.get(`${TEST_BACKEND_URL}/environments/:name`, ({ params }) => {
      lookups.push(String(params.name));
      const found = state.environments.find(e => e.name === params.name);
      return found
        ? HttpResponse.json(found)
        : errorResponse(
            404,
            'NotFoundError',
            `No environment named '${params.name}'`,
          );
    }),
    http.get(`${TEST_BACKEND_URL}/environments/:name/operations`, () =>
      HttpResponse.json({ items: state.operations }),
    ),
    http.post(
      `${TEST_BACKEND_URL}/environments/:name/clone`,
      async ({ params, request }) => {
        const body = (await request.json()) as any;
        clones.push({ source: String(params.name), body });
        if (body.dryRun) {
          return HttpResponse.json(dryRunPlan);
        }
        const environment = makeEnvironment({
          name: body.name,
          title: `Clone ${body.name}`,
          status: 'provisioning',
          attention: plan.attention,
        });
        const operation = makeOperation({
          id: 'op-clone',
          type: 'clone',
          status: 'running',
          steps: [{ name: 'resolve', status: 'running' }],
        });
        state.environments.push(environment);
        state.operations = [operation];
        return HttpResponse.json({ environment, operation }, { status: 202 });
      },
    ),
  );
  return { clones, lookups };
}

function group(name: string, title?: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: 'default', title },
    spec: { type: 'team', children: [] },
  };
}

/** Every permission is allowed here: the user is an environments admin. */
function renderAt(
  url: string,
  permissionApi = mockApis.permission({ authorize: AuthorizeResult.ALLOW }),
) {
  return renderInTestApp(inPage(<EnvironmentsRouter />), {
    apis: [
      ...testApis,
      permissionApi,
      mockApis.identity({
        userEntityRef: 'user:default/ada',
        ownershipEntityRefs: ['user:default/ada', 'group:default/team-shop'],
      }),
      [
        catalogApiRef,
        catalogApiMock({
          entities: [
            group('team-shop', 'Team Shop'),
            group('team-payments', 'Team Payments'),
          ],
        }),
      ],
    ] as const,
    mountedRoutes: testMountedRoutesWithEnvironments,
    mountPath: '/environments',
    initialRouteEntries: [url],
  });
}

async function openDialog(user: ReturnType<typeof userEvent.setup>) {
  await waitFor(() =>
    expect(screen.getByRole('button', { name: 'Clone' })).toBeEnabled(),
  );
  await user.click(screen.getByRole('button', { name: 'Clone' }));
  const dialog = await screen.findByRole('dialog');
  // The form shows once the user's groups and permissions are known.
  await within(dialog).findByLabelText('Name');
  return dialog;
}

describe('Cloning an environment', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  it('prefills a valid, free name and flags a taken one', async () => {
    const { lookups } = serve(server, {
      environments: [staging(), staging('dev-ada')],
      operations: [],
    });
    const user = userEvent.setup();

    await renderAt('/environments/shop-staging');
    const dialog = await openDialog(user);

    const name = within(dialog).getByLabelText('Name');
    expect(name).toHaveValue('shop-staging-copy');
    expect(
      await within(dialog).findByText('shop-staging-copy is free'),
    ).toBeInTheDocument();
    expect(lookups).toContain('shop-staging-copy');
    const preview = within(dialog).getByRole('button', {
      name: 'Preview changes',
    });
    expect(preview).toBeEnabled();

    await user.clear(name);
    await user.type(name, 'dev-ada');
    expect(
      await within(dialog).findByText(
        'An environment named dev-ada already exists',
      ),
    ).toBeInTheDocument();
    expect(name).toHaveAttribute('aria-invalid', 'true');
    expect(preview).toBeDisabled();

    // an invalid name is flagged with a suggestion, without a lookup
    await user.clear(name);
    await user.type(name, 'Dev Ada');
    expect(
      within(dialog).getByText(/Lower case letters, digits and "-"/),
    ).toBeInTheDocument();
    expect(lookups).not.toContain('Dev Ada');
    await user.click(
      within(dialog).getByRole('button', { name: 'Use dev-ada' }),
    );
    expect(name).toHaveValue('dev-ada');
  });

  it('previews the dry run and shows what is copied, changed, needs attention and what data moves', async () => {
    const { clones } = serve(server, {
      environments: [staging()],
      operations: [],
    });
    const user = userEvent.setup();

    await renderAt('/environments/shop-staging');
    const dialog = await openDialog(user);
    const name = within(dialog).getByLabelText('Name');
    await user.clear(name);
    await user.type(name, 'dev-ada');
    await user.selectOptions(within(dialog).getByLabelText('Mode'), 'preview');
    // the time to live follows the mode
    expect(within(dialog).getByLabelText('Time to live')).toHaveValue('3d');
    await user.selectOptions(
      within(dialog).getByLabelText('orders-db (postgresql)'),
      'snapshot',
    );
    await user.click(within(dialog).getByLabelText('payments-worker'));
    await within(dialog).findByText('dev-ada is free');

    await user.click(
      within(dialog).getByRole('button', { name: 'Preview changes' }),
    );

    const changed = await within(dialog).findByTestId('clone-diff-changed');
    expect(clones).toEqual([
      {
        source: 'shop-staging',
        body: {
          name: 'dev-ada',
          mode: 'preview',
          owner: 'group:default/team-shop',
          ttl: '3d',
          dataPolicy: 'empty',
          data: { 'orders-db': { policy: 'snapshot' } },
          services: ['web', 'orders-db'],
          // A preview of some services shares the others by default.
          baseline: { databases: 'clone' },
          dryRun: true,
        },
      },
    ]);
    expect(changed).toHaveTextContent('name: shop-staging → dev-ada');
    expect(changed).toHaveTextContent(
      'services.web.variables.API_URL: http://web-shop-staging:8080 → http://web-dev-ada:8080',
    );
    expect(within(dialog).getByTestId('clone-diff-copied')).toHaveTextContent(
      'services.web: application',
    );
    const attention = within(dialog).getByTestId('clone-diff-attention');
    expect(attention).toHaveTextContent(
      'Secret payments-worker/STRIPE_KEY (secrets are not copied: set a value for the clone)',
    );
    expect(attention).toHaveTextContent('Custom domain shop.example.com');
    expect(within(dialog).getByTestId('clone-diff-data')).toHaveTextContent(
      'orders-db (postgresql): restored from a snapshot of orders-db-shop-staging',
    );
    // nothing was created
    expect(clones).toHaveLength(1);
  });

  it('shares the services left out of a preview with the source, and the databases only when asked', async () => {
    const { clones } = serve(
      server,
      { environments: [staging()], operations: [] },
      {
        ...plan,
        baseline: {
          environmentId: 'env-shop-staging',
          environment: 'shop-staging',
          databases: 'share',
        },
        data: [],
        attention: [
          {
            item: 'shared-data:orders-db',
            reason:
              "shared with shop-staging: the clone's writes reach shop-staging's database orders-db",
          },
        ],
        diff: [
          {
            kind: 'shared',
            path: 'services.payments-worker',
            to: 'payments-worker-shop-staging',
            reason:
              'not deployed: the clone reaches payments-worker of shop-staging',
          },
          {
            kind: 'shared',
            path: 'services.orders-db',
            to: 'orders-db-shop-staging',
            reason: 'not deployed: the clone reaches orders-db of shop-staging',
          },
        ],
      },
    );
    const bodies = () => clones.map(c => c.body);
    const user = userEvent.setup();

    await renderAt('/environments/shop-staging');
    const dialog = await openDialog(user);
    const share = 'Share the other services with shop-staging';
    // Every service: nothing to share.
    expect(within(dialog).queryByLabelText(share)).not.toBeInTheDocument();

    await user.click(within(dialog).getByLabelText('payments-worker'));
    expect(within(dialog).getByLabelText(share)).not.toBeChecked();
    await user.selectOptions(within(dialog).getByLabelText('Mode'), 'preview');
    expect(within(dialog).getByLabelText(share)).toBeChecked();
    expect(within(dialog).getByLabelText(share)).toHaveAccessibleDescription(
      "Shared services are not deployed: the clone reaches them at shop-staging's hosts. Otherwise they are left out.",
    );
    // orders-db is picked: no databases choice yet.
    expect(
      within(dialog).queryByRole('radiogroup', { name: 'Databases left out' }),
    ).not.toBeInTheDocument();

    await user.click(within(dialog).getByLabelText('orders-db'));
    const databases = within(dialog).getByRole('radiogroup', {
      name: 'Databases left out',
    });
    expect(within(databases).getByLabelText(/^Clone them/)).toBeChecked();
    expect(databases).toHaveTextContent(
      'the clone deploys its own orders-db anyway, with the data above',
    );
    await user.click(within(databases).getByLabelText(/^Share shop-staging's/));
    expect(within(dialog).getByRole('alert')).toHaveTextContent(
      "Shared databases receive the clone's writes: whatever the clone writes to orders-db lands in shop-staging.",
    );

    await within(dialog).findByText('shop-staging-copy is free');
    await user.click(
      within(dialog).getByRole('button', { name: 'Preview changes' }),
    );
    const shared = await within(dialog).findByTestId('clone-diff-shared');
    expect(bodies()[0]).toMatchObject({
      mode: 'preview',
      services: ['web'],
      baseline: { databases: 'share' },
      dryRun: true,
    });
    expect(shared).toHaveTextContent(
      'Shared with shop-staging, not deployed (2)',
    );
    expect(shared).toHaveTextContent(
      'payments-worker, reached at payments-worker-shop-staging',
    );
    expect(shared).toHaveTextContent(
      'orders-db, reached at orders-db-shop-staging',
    );
    expect(
      within(dialog).getByTestId('clone-diff-attention'),
    ).toHaveTextContent(
      "Shared database orders-db (shared with shop-staging: the clone's writes reach shop-staging's database orders-db)",
    );

    // Unticked, the services left out are dropped and no baseline is sent.
    await user.click(within(dialog).getByRole('button', { name: 'Back' }));
    await user.click(within(dialog).getByLabelText(share));
    expect(
      within(dialog).queryByRole('radiogroup', { name: 'Databases left out' }),
    ).not.toBeInTheDocument();
    await user.click(
      within(dialog).getByRole('button', { name: 'Preview changes' }),
    );
    await waitFor(() => expect(bodies()).toHaveLength(2));
    expect(bodies()[1]).not.toHaveProperty('baseline');
  });

  it('clones without dryRun and opens the new environment with its operation', async () => {
    const state = {
      environments: [staging()],
      operations: [] as Operation[],
    };
    const { clones } = serve(server, state);
    const user = userEvent.setup();

    await renderAt('/environments/shop-staging');
    const dialog = await openDialog(user);
    await within(dialog).findByText('shop-staging-copy is free');
    await user.click(
      within(dialog).getByRole('button', { name: 'Preview changes' }),
    );
    await within(dialog).findByTestId('clone-diff-changed');
    await user.click(within(dialog).getByRole('button', { name: 'Clone' }));

    expect(
      await screen.findByRole('heading', { name: 'Clone shop-staging-copy' }),
    ).toBeInTheDocument();
    expect(clones.map(c => c.body)).toEqual([
      {
        name: 'shop-staging-copy',
        mode: 'development',
        owner: 'group:default/team-shop',
        dataPolicy: 'empty',
        dryRun: true,
      },
      {
        name: 'shop-staging-copy',
        mode: 'development',
        owner: 'group:default/team-shop',
        dataPolicy: 'empty',
      },
    ]);
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(await screen.findByTestId('operation-op-clone')).toBeInTheDocument();
  });

  it('shows the error the server answers with in the dialog', async () => {
    serve(server, { environments: [staging()], operations: [] });
    server.use(
      http.post(`${TEST_BACKEND_URL}/environments/:name/clone`, () =>
        errorResponse(
          400,
          'InputError',
          'ttl: Invalid duration, expected e.g. 2h',
        ),
      ),
    );
    const user = userEvent.setup();

    await renderAt('/environments/shop-staging');
    const dialog = await openDialog(user);
    await within(dialog).findByText('shop-staging-copy is free');
    await user.click(
      within(dialog).getByRole('button', { name: 'Preview changes' }),
    );

    expect(
      await within(dialog).findByText(
        'ttl: Invalid duration, expected e.g. 2h',
      ),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByText('The clone request was refused'),
    ).toBeInTheDocument();
    // still on the form
    expect(within(dialog).getByLabelText('Name')).toBeInTheDocument();
  });

  it('says the name is taken when the server answers 409', async () => {
    serve(server, { environments: [staging()], operations: [] });
    server.use(
      http.post(`${TEST_BACKEND_URL}/environments/:name/clone`, () =>
        errorResponse(
          409,
          'ConflictError',
          "environment 'shop-staging-copy' already exists",
        ),
      ),
    );
    const user = userEvent.setup();

    await renderAt('/environments/shop-staging');
    const dialog = await openDialog(user);
    await within(dialog).findByText('shop-staging-copy is free');
    await user.click(
      within(dialog).getByRole('button', { name: 'Preview changes' }),
    );

    expect(
      await within(dialog).findByText('The name is taken'),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByText(
        "environment 'shop-staging-copy' already exists",
      ),
    ).toBeInTheDocument();
  });

  it('disables Clone, with the reason, without the clone permission', async () => {
    serve(server, {
      environments: [staging('no-clone-env')],
      operations: [],
    });

    await renderAt(
      '/environments/no-clone-env',
      mockApis.permission({
        authorize: request =>
          request.permission.name === 'environments.environment.clone'
            ? AuthorizeResult.DENY
            : AuthorizeResult.ALLOW,
      }),
    );

    const wrapper = await screen.findByTestId('clone-disabled');
    expect(
      within(wrapper).getByRole('button', { name: 'Clone' }),
    ).toBeDisabled();
    await userEvent.hover(wrapper);
    expect(await screen.findByRole('tooltip')).toHaveTextContent(
      'You are not allowed to clone this environment',
    );
  });

  it('lets an admin give the clone any group, sent as owner in the dry run and the clone', async () => {
    const { clones } = serve(server, {
      environments: [staging()],
      operations: [],
    });
    const user = userEvent.setup();

    await renderAt('/environments/shop-staging');
    const dialog = await openDialog(user);
    const owner = within(dialog).getByLabelText('Owner');
    // the source's owner to start with; every group of the catalog offered
    expect(owner).toHaveValue('group:default/team-shop');
    expect(
      within(owner)
        .getAllByRole('option')
        .map(o => o.textContent),
    ).toEqual(['Choose a group', 'Team Payments', 'Team Shop']);
    expect(owner).toHaveAccessibleDescription(
      'Any group: you hold environments.admin',
    );
    expect(
      within(dialog).getByRole('option', { name: 'production' }),
    ).toBeEnabled();

    await user.selectOptions(owner, 'group:default/team-payments');
    await within(dialog).findByText('shop-staging-copy is free');
    await user.click(
      within(dialog).getByRole('button', { name: 'Preview changes' }),
    );
    await within(dialog).findByTestId('clone-diff-changed');
    await user.click(within(dialog).getByRole('button', { name: 'Clone' }));

    await screen.findByRole('heading', { name: 'Clone shop-staging-copy' });
    expect(clones.map(c => [c.body.owner, c.body.dryRun])).toEqual([
      ['group:default/team-payments', true],
      ['group:default/team-payments', undefined],
    ]);
  });

  it('shows a 403 naming the owner under the Owner field', async () => {
    serve(server, { environments: [staging()], operations: [] });
    server.use(
      http.post(`${TEST_BACKEND_URL}/environments/:name/clone`, () =>
        errorResponse(
          403,
          'NotAllowedError',
          "owner: you may only make yourself or one of your groups the owner (user:default/ada, group:default/team-shop), not 'group:default/team-payments'; that needs environments.admin",
        ),
      ),
    );
    const user = userEvent.setup();

    await renderAt('/environments/shop-staging');
    const dialog = await openDialog(user);
    await user.selectOptions(
      within(dialog).getByLabelText('Owner'),
      'group:default/team-payments',
    );
    await within(dialog).findByText('shop-staging-copy is free');
    await user.click(
      within(dialog).getByRole('button', { name: 'Preview changes' }),
    );

    const owner = within(dialog).getByLabelText('Owner');
    await waitFor(() => expect(owner).toHaveAttribute('aria-invalid', 'true'));
    expect(owner).toHaveAccessibleDescription(
      "you may only make yourself or one of your groups the owner (user:default/ada, group:default/team-shop), not 'group:default/team-payments'; that needs environments.admin",
    );
    expect(within(dialog).getByText('Not allowed')).toBeInTheDocument();
    // the other fields are not marked
    expect(within(dialog).getByLabelText('Mode')).not.toHaveAttribute(
      'aria-invalid',
      'true',
    );
  });

  it("3. shows a ttl beyond the mode's lifetime under Time to live", async () => {
    serve(server, { environments: [staging()], operations: [] });
    server.use(
      http.post(`${TEST_BACKEND_URL}/environments/:name/clone`, () =>
        errorResponse(
          400,
          'InputError',
          'ttl: at most 14d for preview environments (environments.limits.maxLifetime.preview)',
        ),
      ),
    );
    const user = userEvent.setup();

    await renderAt('/environments/shop-staging');
    const dialog = await openDialog(user);
    await user.selectOptions(within(dialog).getByLabelText('Mode'), 'preview');
    const ttl = within(dialog).getByLabelText('Time to live');
    await user.clear(ttl);
    await user.type(ttl, '30d');
    await within(dialog).findByText('shop-staging-copy is free');
    await user.click(
      within(dialog).getByRole('button', { name: 'Preview changes' }),
    );

    await waitFor(() => expect(ttl).toHaveAttribute('aria-invalid', 'true'));
    expect(ttl).toHaveAccessibleDescription(
      'at most 14d for preview environments (environments.limits.maxLifetime.preview)',
    );
  });

  describe('the data of each database', () => {
    /** A source with a managed PostgreSQL and a container Redis. */
    function withCache(mode: ApiEnvironment['mode'] = 'staging') {
      const source = staging(
        mode === 'production' ? 'shop-production' : undefined,
      );
      return {
        ...source,
        mode,
        services: [
          ...source.services,
          makeService({
            name: 'cache',
            kind: 'database',
            database: { engine: 'redis', version: '7', mode: 'container' },
          }),
        ],
      };
    }

    const copyPlan = {
      ...plan,
      data: [
        {
          service: 'orders-db',
          engine: 'postgresql',
          action: 'copy',
          detail:
            'copied from orders-db-shop-staging, 2 columns transformed, 1 table subset',
          rules: {
            sensitive: ['users.email', 'users.address'],
            rules: [
              { column: 'users.email', transform: 'email' },
              { column: 'orders.country', transform: 'fixed', value: 'NL' },
            ],
            subset: [
              {
                table: 'orders',
                where: "created_at > now() - interval '30 days'",
                limit: 1000,
              },
            ],
          },
          preview: [
            {
              table: 'users',
              columns: ['email'],
              rows: [
                {
                  before: ['ada.lovelace@example.com'],
                  after: ['user-1f2e3d4c@example.invalid'],
                },
              ],
            },
          ],
        },
        {
          service: 'cache',
          engine: 'redis',
          action: 'run-seed',
          detail: 'starts empty, then its SQL seed runs',
          seed: {
            sql: [1, 2, 3, 4, 5, 6, 7, 8]
              .map(n => `INSERT INTO t VALUES (${n});`)
              .join('\n'),
          },
        },
      ],
    };

    it('offers what each database can take and sends the choices as data.<service>.policy', async () => {
      const { clones } = serve(
        server,
        { environments: [withCache()], operations: [] },
        copyPlan,
      );
      const user = userEvent.setup();

      await renderAt('/environments/shop-staging');
      const dialog = await openDialog(user);
      const orders = within(dialog).getByLabelText('orders-db (postgresql)');
      const cache = within(dialog).getByLabelText('cache (redis)');
      const options = (select: HTMLElement) =>
        within(select)
          .getAllByRole('option')
          .map(o => o.textContent);
      expect(orders).toHaveValue('empty');
      expect(orders).toHaveAccessibleDescription('starts empty');
      expect(options(orders)).toEqual([
        'Empty',
        'Copy (anonymised)',
        'Seed',
        'Snapshot',
      ]);
      // Redis data is not copied, and a container has no snapshot.
      expect(options(cache)).toEqual(['Empty', 'Seed']);

      await user.selectOptions(orders, 'copy');
      expect(orders).toHaveAccessibleDescription(
        "copied from shop-staging through the database's rules: sensitive columns transformed, subsets applied",
      );
      await user.selectOptions(cache, 'seed');
      await within(dialog).findByText('shop-staging-copy is free');
      await user.click(
        within(dialog).getByRole('button', { name: 'Preview changes' }),
      );
      await within(dialog).findByTestId('clone-diff-data');
      await user.click(within(dialog).getByRole('button', { name: 'Clone' }));

      await waitFor(() => expect(clones).toHaveLength(2));
      for (const { body } of clones) {
        expect(body).toMatchObject({
          dataPolicy: 'empty',
          data: {
            'orders-db': { policy: 'copy' },
            cache: { policy: 'seed' },
          },
        });
      }
    });

    it("shows a copy's rules, subsets and made-up rows, and a seed's first lines", async () => {
      serve(server, { environments: [withCache()], operations: [] }, copyPlan);
      const user = userEvent.setup();

      await renderAt('/environments/shop-staging');
      const dialog = await openDialog(user);
      await within(dialog).findByText('shop-staging-copy is free');
      await user.click(
        within(dialog).getByRole('button', { name: 'Preview changes' }),
      );

      const orders = await within(dialog).findByTestId('clone-data-orders-db');
      expect(orders).toHaveTextContent(
        'orders-db (postgresql): copied from orders-db-shop-staging, 2 columns transformed, 1 table subset',
      );
      const rules = within(orders).getByRole('table', {
        name: 'Rules of orders-db',
      });
      const ruleRows = within(rules)
        .getAllByRole('row')
        .map(row => row.textContent);
      expect(ruleRows).toEqual([
        'ColumnBecomes',
        'users.emailsensitivea made-up e-mail address',
        'orders.country“NL”',
        // sensitive without a rule: shown, copied unchanged
        'users.addresssensitiveno rule: copied as it is',
      ]);
      expect(
        within(orders).getByRole('list', { name: 'Rows copied' }),
      ).toHaveTextContent(
        "orders: where created_at > now() - interval '30 days', at most 1000 rows",
      );
      expect(orders).toHaveTextContent(
        'Made-up values show what the rules do: never real rows of the source.',
      );
      const preview = within(orders).getByRole('table', {
        name: 'Preview of users',
      });
      expect(
        within(preview)
          .getAllByRole('row')
          .map(row => row.textContent),
      ).toEqual([
        'email',
        'Beforeada.lovelace@example.com',
        'Afteruser-1f2e3d4c@example.invalid',
      ]);

      const cache = within(dialog).getByTestId('clone-data-cache');
      expect(cache).toHaveTextContent('Runs this SQL');
      expect(cache).toHaveTextContent('INSERT INTO t VALUES (6);');
      expect(cache).not.toHaveTextContent('INSERT INTO t VALUES (7);');
      expect(cache).toHaveTextContent('… and 2 more lines');
    });

    it('shows a refused copy out of production under the database it names', async () => {
      serve(server, {
        environments: [withCache('production')],
        operations: [],
      });
      const message =
        "cannot copy orders-db out of production environment 'shop-production': sensitive column users.email has no rule (add one to the service's database.data.rules)";
      server.use(
        http.post(`${TEST_BACKEND_URL}/environments/:name/clone`, () =>
          errorResponse(400, 'InputError', `data.orders-db.policy: ${message}`),
        ),
      );
      const user = userEvent.setup();

      await renderAt('/environments/shop-production');
      const dialog = await openDialog(user);
      const orders = within(dialog).getByLabelText('orders-db (postgresql)');
      await user.selectOptions(orders, 'copy');
      await within(dialog).findByText('shop-production-copy is free');
      await user.click(
        within(dialog).getByRole('button', { name: 'Preview changes' }),
      );

      await waitFor(() =>
        expect(orders).toHaveAttribute('aria-invalid', 'true'),
      );
      expect(orders).toHaveAccessibleDescription(message);
      expect(
        within(dialog).getByText('The clone request was refused'),
      ).toBeInTheDocument();
      // only the database it names is marked
      expect(
        within(dialog).getByLabelText('cache (redis)'),
      ).not.toHaveAttribute('aria-invalid', 'true');
    });
  });
});
