import type { Entity } from '@backstage/catalog-model';
import {
  mockApis,
  registerMswTestHooks,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http } from 'msw';
import { setupServer } from 'msw/node';
import type { ApiEnvironment } from '../../api';
import { makeEnvironment } from '../../__testUtils__/environments';
import {
  errorResponse,
  serveEnvironment,
  testApis,
  testMountedRoutesWithEnvironments,
  TEST_BACKEND_URL,
} from '../../__testUtils__/testApp';
import { EnvironmentsRouter } from '../EnvironmentsRouter';
import { inPage } from '../../__testUtils__/pageRouter';

// In a file of its own: usePermission caches answers per permission for the
// whole test file, and here the user is no admin and may not create
// production environments.

function group(name: string, title: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: 'default', title },
    spec: { type: 'team', children: [] },
  };
}

const server = setupServer();

const catalog = [
  group('team-shop', 'Team Shop'),
  group('team-payments', 'Team Payments'),
];

function renderClone(environment: ApiEnvironment) {
  serveEnvironment(server, { environment, operations: [] });
  return renderInTestApp(inPage(<EnvironmentsRouter />), {
    apis: [
      ...testApis,
      mockApis.permission({
        authorize: request =>
          [
            'environments.admin',
            'environments.environment.production',
          ].includes(request.permission.name)
            ? AuthorizeResult.DENY
            : AuthorizeResult.ALLOW,
      }),
      mockApis.identity({
        userEntityRef: 'user:default/ada',
        // team-web is not in the catalog
        ownershipEntityRefs: [
          'user:default/ada',
          'group:default/team-payments',
          'group:default/team-web',
        ],
      }),
      [catalogApiRef, catalogApiMock({ entities: catalog })],
    ] as const,
    mountedRoutes: testMountedRoutesWithEnvironments,
    mountPath: '/environments',
    initialRouteEntries: [`/environments/${environment.name}`],
  });
}

async function openDialog(user: ReturnType<typeof userEvent.setup>) {
  await waitFor(() =>
    expect(screen.getByRole('button', { name: 'Clone' })).toBeEnabled(),
  );
  await user.click(screen.getByRole('button', { name: 'Clone' }));
  const dialog = await screen.findByRole('dialog');
  await within(dialog).findByLabelText('Name');
  return dialog;
}

describe('cloning as a member of other teams, without admin or production rights', () => {
  registerMswTestHooks(server);

  it("4. offers only the user's groups, the first one when the source's owner is not theirs, and sends it", async () => {
    const bodies: any[] = [];
    server.use(
      http.post(
        `${TEST_BACKEND_URL}/environments/:name/clone`,
        async ({ request }) => {
          bodies.push(await request.json());
          return errorResponse(400, 'InputError', 'name: stop here');
        },
      ),
    );
    const user = userEvent.setup();
    await renderClone(
      makeEnvironment({ name: 'shop-dev', owner: 'group:default/team-shop' }),
    );

    const dialog = await openDialog(user);
    const owner = within(dialog).getByLabelText('Owner');
    expect(owner).toHaveValue('group:default/team-payments');
    expect(
      within(owner)
        .getAllByRole('option')
        .map(o => o.textContent),
    ).toEqual(['Choose a group', 'Team Payments', 'team-web']);
    expect(owner).toHaveAccessibleDescription(
      'Groups you belong to; an admin may pick any group',
    );

    await within(dialog).findByText('shop-dev-copy is free');
    await user.click(
      within(dialog).getByRole('button', { name: 'Preview changes' }),
    );
    await waitFor(() => expect(bodies).toHaveLength(1));
    expect(bodies[0]).toMatchObject({
      dryRun: true,
      owner: 'group:default/team-payments',
    });
  });

  it("starts with the source's owner when the user belongs to it", async () => {
    const user = userEvent.setup();
    await renderClone(
      makeEnvironment({
        name: 'payments-dev',
        owner: 'group:default/team-payments',
      }),
    );

    const dialog = await openDialog(user);
    expect(within(dialog).getByLabelText('Owner')).toHaveValue(
      'group:default/team-payments',
    );
  });

  it('shows production disabled, with the reason', async () => {
    const user = userEvent.setup();
    await renderClone(makeEnvironment({ name: 'shop-staging' }));

    const dialog = await openDialog(user);
    const mode = within(dialog).getByLabelText('Mode');
    expect(
      within(mode).getByRole('option', { name: 'production (not permitted)' }),
    ).toBeDisabled();
    expect(within(mode).getByRole('option', { name: 'staging' })).toBeEnabled();
    expect(mode).toHaveAccessibleDescription(
      'Production needs the environments.environment.production permission',
    );
  });
});
