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
import {
  errorResponse,
  testApis,
  testMountedRoutesWithEnvironments,
  TEST_BACKEND_URL,
} from '../../__testUtils__/testApp';
import { EnvironmentsRouter } from '../EnvironmentsRouter';
import { inPage } from '../../__testUtils__/pageRouter';

// In a file of its own: usePermission caches answers per permission for the
// whole test file, and here the user may create environments but is no
// admin and may not create production ones.

function entity(kind: string, name: string, title?: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name, namespace: 'default', title },
    spec: {},
  };
}

const catalog = [
  entity('System', 'shop', 'Shop'),
  entity('Group', 'team-shop', 'Team Shop'),
  entity('Group', 'team-payments', 'Team Payments'),
  entity('Group', 'platform', 'Platform'),
];

function renderForm() {
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
        ownershipEntityRefs: [
          'user:default/ada',
          'group:default/team-shop',
          'group:default/team-payments',
        ],
      }),
      [catalogApiRef, catalogApiMock({ entities: catalog })],
    ] as const,
    mountedRoutes: testMountedRoutesWithEnvironments,
    mountPath: '/environments',
    initialRouteEntries: ['/environments/new'],
  });
}

async function submit(
  user: ReturnType<typeof userEvent.setup>,
  mode = 'development',
) {
  await user.type(screen.getByLabelText(/^Name/), 'feature-login');
  await user.selectOptions(screen.getByLabelText(/^Mode/), mode);
  await user.selectOptions(
    screen.getByLabelText(/^System/),
    'system:default/shop',
  );
  await user.click(screen.getByRole('button', { name: 'Create environment' }));
}

describe('NewEnvironmentPage for a member without admin or production rights', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  it('offers only the groups the user belongs to as owner, saying why', async () => {
    await renderForm();

    const owner = await screen.findByLabelText(/^Owner/);
    expect(owner).toHaveValue('group:default/team-shop');
    expect(
      within(owner)
        .getAllByRole('option')
        .map(o => o.textContent),
    ).toEqual(['Choose a group', 'Team Shop', 'Team Payments']);
    expect(owner).toHaveAccessibleDescription(
      'Groups you belong to; an admin may pick any group',
    );
  });

  it('shows production disabled, with the reason', async () => {
    await renderForm();

    const mode = await screen.findByLabelText(/^Mode/);
    expect(
      within(mode).getByRole('option', { name: 'production (not permitted)' }),
    ).toBeDisabled();
    expect(
      within(mode).getByRole('option', { name: 'development' }),
    ).toBeEnabled();
    expect(mode).toHaveAccessibleDescription(
      'Production needs the environments.environment.production permission',
    );
  });

  it('shows a 403 naming the owner under the Owner field', async () => {
    server.use(
      http.post(`${TEST_BACKEND_URL}/environments`, () =>
        errorResponse(
          403,
          'NotAllowedError',
          "owner: you may only make yourself or one of your groups the owner (user:default/ada), not 'group:default/team-shop'; that needs environments.admin",
        ),
      ),
    );
    const user = userEvent.setup();
    await renderForm();
    await screen.findByLabelText('Components');

    await submit(user);

    const owner = screen.getByLabelText(/^Owner/);
    await waitFor(() => expect(owner).toHaveAttribute('aria-invalid', 'true'));
    expect(owner).toHaveAccessibleDescription(
      "you may only make yourself or one of your groups the owner (user:default/ada), not 'group:default/team-shop'; that needs environments.admin",
    );
    // and in the banner, as every refusal
    expect(
      screen
        .getByText('The environment was not created')
        .closest('[role="alert"]'),
    ).toHaveTextContent('owner: you may only make yourself');
  });

  it("3. shows a ttl beyond the mode's lifetime under Delete after", async () => {
    server.use(
      http.post(`${TEST_BACKEND_URL}/environments`, () =>
        errorResponse(
          400,
          'InputError',
          'policy.ttl: at most 14d for preview environments (environments.limits.maxLifetime.preview)',
        ),
      ),
    );
    const user = userEvent.setup();
    await renderForm();
    await screen.findByLabelText('Components');

    await submit(user, 'preview');

    const ttl = screen.getByLabelText('Delete after');
    await waitFor(() => expect(ttl).toHaveAttribute('aria-invalid', 'true'));
    expect(ttl).toHaveAccessibleDescription(
      'at most 14d for preview environments (environments.limits.maxLifetime.preview)',
    );
    // not under "Stop when idle for", which holds the rest of the policy
    expect(screen.getByLabelText('Stop when idle for')).not.toHaveAttribute(
      'aria-invalid',
      'true',
    );
  });
});
