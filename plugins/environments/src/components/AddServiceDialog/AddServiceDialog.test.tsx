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
  sampleEnvironments,
} from '../../__testUtils__/environments';
import {
  makeTemplateDetails,
  nodeApiTemplate,
  postgresqlTemplate,
  serveTemplates,
} from '../../__testUtils__/templates';
import {
  errorResponse,
  serveEnvironment,
  serveEnvironmentList,
  testApis,
  testMountedRoutesWithEnvironments,
  TEST_BACKEND_URL,
} from '../../__testUtils__/testApp';
import { EnvironmentsRouter } from '../EnvironmentsRouter';
import { inPage } from '../../__testUtils__/pageRouter';
import { SECRET_MASK } from '../../lib/variables';

const LEAKED_SECRET = 'sk_live_never_shown';

const renderedService = {
  name: 'orders-api',
  kind: 'application',
  template: { ref: 'servicetemplate:default/node-api', version: '3.0.1' },
  image: { repository: 'ghcr.io/acme/orders-api', tag: 'latest' },
  ports: [{ port: 8080, public: true }],
  resources: { cpu: '500m', memory: '512Mi' },
  replicas: 1,
  customDomains: [],
  variables: [
    { key: 'PORT', kind: 'value', value: '8080' },
    { key: 'DATABASE_URL', kind: 'alias', aliasOf: 'GR_DB_URL' },
    // A preview never holds a secret's value; this double does, wrongly, to
    // prove the dialog masks it anyway.
    { key: 'API_TOKEN', kind: 'secret', value: LEAKED_SECRET },
  ],
};

/**
 * Answers `POST /environments/{name}/services`: a dry run with
 * `renderedService`, a real one with 202 and a running operation that the
 * environment's operations then list. Records each request.
 */
function serveAddService(
  server: ReturnType<typeof setupServer>,
  operations: Operation[],
) {
  const requests: Array<{
    environment: string;
    body: any;
    key: string | null;
  }> = [];
  server.use(
    http.post(
      `${TEST_BACKEND_URL}/environments/:name/services`,
      async ({ params, request }) => {
        const body = (await request.json()) as any;
        requests.push({
          environment: String(params.name),
          body,
          key: request.headers.get('idempotency-key'),
        });
        if (body.dryRun) {
          return HttpResponse.json({ service: renderedService });
        }
        const operation = makeOperation({
          id: 'op-add-service',
          type: 'update',
          status: 'running',
          steps: [{ name: `add ${body.name}`, status: 'running' }],
        });
        operations.unshift(operation);
        return HttpResponse.json({ operation }, { status: 202 });
      },
    ),
  );
  return requests;
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

async function openDialog(user: ReturnType<typeof userEvent.setup>) {
  await user.click(
    await screen.findByRole('button', { name: 'Add to environment' }),
  );
  return await screen.findByRole('dialog');
}

describe('Adding a service from a template', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  it('validates the generated form, previews with a dry run, then adds and opens the environment', async () => {
    const operations: Operation[] = [];
    serveTemplates(
      server,
      [nodeApiTemplate],
      [makeTemplateDetails(nodeApiTemplate)],
    );
    serveEnvironmentList(server, sampleEnvironments);
    serveEnvironment(server, {
      environment: sampleEnvironments[1],
      operations,
    });
    const requests = serveAddService(server, operations);
    const user = userEvent.setup();

    await renderAt('/environments/templates/default/node-api');
    const dialog = await openDialog(user);

    expect(
      within(dialog).getByRole('heading', { name: 'Add Node.js API' }),
    ).toBeInTheDocument();
    // the service name defaults to the template's name
    expect(within(dialog).getByLabelText(/Service name/)).toHaveValue(
      'node-api',
    );
    // the form is generated from spec.parameters, with its defaults
    expect(
      within(dialog).getByRole('spinbutton', { name: /Port/ }),
    ).toHaveValue(3000);
    const preview = within(dialog).getByRole('button', { name: 'Preview' });
    expect(preview).toBeDisabled();

    // environments the user can see are offered
    const environment = within(dialog).getByLabelText('Environment');
    await waitFor(() =>
      expect(
        within(environment).getByRole('option', {
          name: 'Shop (staging) (shop-staging)',
        }),
      ).toBeInTheDocument(),
    );
    await user.selectOptions(environment, 'shop-staging');
    await waitFor(() => expect(preview).toBeEnabled());

    // the required image is missing: nothing is sent
    await user.click(preview);
    expect(
      await within(dialog).findByText(/must have required property/),
    ).toBeInTheDocument();
    expect(requests).toHaveLength(0);

    // an invalid service name is flagged next to its field
    const name = within(dialog).getByLabelText(/Service name/);
    await user.clear(name);
    await user.type(name, 'db');
    expect(
      within(dialog).getByText('shop-staging already has a service named db'),
    ).toBeInTheDocument();
    await user.clear(name);
    await user.type(name, 'Orders API');
    expect(
      within(dialog).getByText(/Lower case letters, digits and "-", starting/),
    ).toBeInTheDocument();
    await user.clear(name);
    await user.type(name, 'orders-api');

    await user.type(
      within(dialog).getByRole('textbox', { name: /Image/ }),
      'ghcr.io/acme/orders-api',
    );
    await user.click(preview);

    const shown = await within(dialog).findByTestId('service-preview');
    expect(requests).toEqual([
      {
        environment: 'shop-staging',
        key: null,
        body: {
          template: 'servicetemplate:default/node-api',
          name: 'orders-api',
          parameters: { image: 'ghcr.io/acme/orders-api', port: 3000 },
          dryRun: true,
        },
      },
    ]);
    expect(shown).toHaveTextContent('ghcr.io/acme/orders-api:latest');
    expect(shown).toHaveTextContent('8080 (public)');
    expect(shown).toHaveTextContent('500m CPU, 512Mi memory');
    expect(within(shown).getByTestId('variable-PORT')).toHaveTextContent(
      '8080',
    );
    expect(
      within(shown).getByTestId('variable-DATABASE_URL'),
    ).toHaveTextContent('→ GR_DB_URL');
    expect(within(shown).getByTestId('variable-API_TOKEN')).toHaveTextContent(
      SECRET_MASK,
    );
    expect(document.body).not.toHaveTextContent(LEAKED_SECRET);

    await user.click(within(dialog).getByRole('button', { name: 'Add' }));

    // the environment's page opens, with the operation in its timeline
    expect(
      await screen.findByRole('heading', { name: 'Shop (staging)' }),
    ).toBeInTheDocument();
    expect(
      await screen.findByTestId('operation-op-add-service'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(requests).toHaveLength(2);
    expect(requests[1].body).toEqual({
      template: 'servicetemplate:default/node-api',
      name: 'orders-api',
      parameters: { image: 'ghcr.io/acme/orders-api', port: 3000 },
    });
    expect(requests[1].key).toEqual(expect.any(String));
  });

  it("shows the backend's 400 under the field it names", async () => {
    serveTemplates(
      server,
      [postgresqlTemplate],
      [makeTemplateDetails(postgresqlTemplate)],
    );
    // As far as the list knew, shop-staging had no "db" yet.
    serveEnvironmentList(server, [
      makeEnvironment({ name: 'shop-staging', services: [] }),
    ]);
    let answer = errorResponse(
      400,
      'InputError',
      'name: a service named "db" already exists',
    );
    const bodies: any[] = [];
    server.use(
      http.post(
        `${TEST_BACKEND_URL}/environments/:name/services`,
        async ({ request }) => {
          bodies.push(await request.json());
          return answer.clone();
        },
      ),
    );
    const user = userEvent.setup();

    await renderAt('/environments/templates/default/postgresql');
    const dialog = await openDialog(user);
    // the template's own default for its name parameter
    const name = within(dialog).getByLabelText(/Service name/);
    expect(name).toHaveValue('db');
    // the name parameter is the service name field, not a form field
    expect(
      within(dialog).queryByRole('textbox', { name: /^Service name$/ }),
    ).toBe(name);
    await user.selectOptions(
      within(dialog).getByLabelText('Environment'),
      'shop-staging',
    );
    const preview = within(dialog).getByRole('button', { name: 'Preview' });
    await waitFor(() => expect(preview).toBeEnabled());

    await user.click(preview);

    expect(
      await within(dialog).findByText('a service named "db" already exists'),
    ).toHaveAttribute('id', 'add-service-name-helper-text');
    expect(name).toHaveAttribute('aria-invalid', 'true');
    expect(bodies[0]).toEqual({
      template: 'servicetemplate:default/postgresql',
      name: 'db',
      parameters: { version: '16', mode: 'container', storageGb: 20 },
      dryRun: true,
    });

    answer = errorResponse(
      400,
      'InputError',
      'parameters.version: must be one of "14", "15", "16"',
    );
    await user.clear(name);
    await user.type(name, 'orders-db');
    await user.click(preview);

    const versionError = await within(dialog).findByText(
      'must be one of "14", "15", "16"',
    );
    expect(versionError.closest('[id^="root_version"]')).not.toBeNull();
    expect(name).toHaveAttribute('aria-invalid', 'false');
    expect(within(dialog).queryByTestId('service-preview')).toBeNull();
  });

  it('shows other refusals in the dialog', async () => {
    serveTemplates(
      server,
      [postgresqlTemplate],
      [makeTemplateDetails(postgresqlTemplate)],
    );
    serveEnvironmentList(server, [
      makeEnvironment({ name: 'shop-dev', services: [] }),
    ]);
    server.use(
      http.post(`${TEST_BACKEND_URL}/environments/:name/services`, () =>
        errorResponse(404, 'NotFoundError', "No environment named 'shop-dev'"),
      ),
    );
    const user = userEvent.setup();

    await renderAt('/environments/templates/default/postgresql');
    const dialog = await openDialog(user);
    await user.selectOptions(
      await within(dialog).findByLabelText('Environment'),
      'shop-dev',
    );
    const preview = within(dialog).getByRole('button', { name: 'Preview' });
    await waitFor(() => expect(preview).toBeEnabled());
    await user.click(preview);

    expect(
      await within(dialog).findByText(
        'The template or the environment does not exist',
      ),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByText("No environment named 'shop-dev'"),
    ).toBeInTheDocument();
  });
});
