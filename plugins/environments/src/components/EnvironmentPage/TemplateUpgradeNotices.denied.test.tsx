import {
  mockApis,
  registerMswTestHooks,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  makeEnvironment,
  makeService,
  sampleEnvironments,
} from '../../__testUtils__/environments';
import {
  makeTemplateDetails,
  postgresqlTemplate,
  serveTemplates,
} from '../../__testUtils__/templates';
import {
  serveEnvironment,
  serveEnvironmentList,
  testApis,
  testMountedRoutesWithEnvironments,
  TEST_BACKEND_URL,
} from '../../__testUtils__/testApp';
import { EnvironmentsRouter } from '../EnvironmentsRouter';
import { inPage } from '../../__testUtils__/pageRouter';

// In a file of its own: usePermission caches answers per permission for the
// whole test file, and the other tests allow updating environments.

function renderAt(url: string) {
  return renderInTestApp(inPage(<EnvironmentsRouter />), {
    apis: [
      ...testApis,
      mockApis.permission({
        authorize: request =>
          request.permission.name === 'environments.environment.update'
            ? AuthorizeResult.DENY
            : AuthorizeResult.ALLOW,
      }),
    ] as const,
    mountedRoutes: testMountedRoutesWithEnvironments,
    mountPath: '/environments',
    initialRouteEntries: [url],
  });
}

describe('service templates without the update permission', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  it('disables Add service and Upgrade on the environment page, with the reason', async () => {
    serveEnvironment(server, {
      environment: makeEnvironment({
        name: 'shop-dev',
        services: [
          makeService({
            name: 'orders-db',
            kind: 'database',
            template: {
              ref: 'servicetemplate:default/postgresql',
              version: '1.2.0',
            },
          }),
        ],
      }),
      operations: [],
    });
    server.use(
      http.get(`${TEST_BACKEND_URL}/environments/:name/template-upgrades`, () =>
        HttpResponse.json({
          items: [
            {
              service: 'orders-db',
              template: 'servicetemplate:default/postgresql',
              version: '1.2.0',
              status: 'outdated',
              latest: '2.1.0',
            },
          ],
        }),
      ),
    );

    await renderAt('/environments/shop-dev');

    const add = await screen.findByTestId('add-service-disabled');
    expect(
      within(add).getByRole('button', { name: 'Add service' }),
    ).toBeDisabled();
    await userEvent.hover(add);
    expect(await screen.findByRole('tooltip')).toHaveTextContent(
      'You are not allowed to change this environment',
    );
    await userEvent.unhover(add);

    const upgrade = await screen.findByTestId('upgrade-orders-db-disabled');
    expect(
      within(upgrade).getByRole('button', { name: 'Upgrade orders-db' }),
    ).toBeDisabled();
  });

  it('does not let the template page add to an environment the user may not change', async () => {
    serveTemplates(
      server,
      [postgresqlTemplate],
      [makeTemplateDetails(postgresqlTemplate)],
    );
    serveEnvironmentList(server, sampleEnvironments);
    const posts: unknown[] = [];
    server.use(
      http.post(`${TEST_BACKEND_URL}/*`, ({ request }) => {
        posts.push(request.url);
        return HttpResponse.json({}, { status: 500 });
      }),
    );
    const user = userEvent.setup();

    await renderAt('/environments/templates/default/postgresql');
    await user.click(
      await screen.findByRole('button', { name: 'Add to environment' }),
    );
    const dialog = await screen.findByRole('dialog');
    await user.selectOptions(
      await within(dialog).findByLabelText('Environment'),
      'shop-staging',
    );

    expect(
      await within(dialog).findByText(
        'You are not allowed to change shop-staging',
      ),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(
        within(dialog).getByRole('button', { name: 'Preview' }),
      ).toBeDisabled(),
    );
    expect(posts).toEqual([]);
  });
});
