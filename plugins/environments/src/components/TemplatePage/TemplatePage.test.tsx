import {
  mockApis,
  registerMswTestHooks,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { screen, within } from '@testing-library/react';
import { setupServer } from 'msw/node';
import {
  legacyPostgresqlTemplate,
  makeTemplateDetails,
  postgresqlTemplate,
  serveTemplates,
} from '../../__testUtils__/templates';
import {
  testApis,
  testMountedRoutesWithEnvironments,
} from '../../__testUtils__/testApp';
import { EnvironmentsRouter } from '../EnvironmentsRouter';
import { inPage } from '../../__testUtils__/pageRouter';

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

function rowOf(text: string): HTMLElement {
  const row = screen.getByText(text).closest('tr');
  if (!row) {
    throw new Error(`No table row contains ${text}`);
  }
  return row;
}

const postgresDetails = makeTemplateDetails(postgresqlTemplate, {
  versions: [
    {
      version: '2.1.0',
      lifecycle: 'production',
      firstSeenAt: '2026-11-01T00:00:00Z',
    },
    {
      version: '2.0.0',
      lifecycle: 'production',
      firstSeenAt: '2026-09-01T00:00:00Z',
    },
    {
      version: '1.2.0',
      lifecycle: 'deprecated',
      firstSeenAt: '2026-01-01T00:00:00Z',
    },
  ],
  usage: [
    {
      environment: 'shop-staging',
      environmentTitle: 'Shop (staging)',
      mode: 'staging',
      service: 'orders-db',
      version: '2.1.0',
      status: 'current',
    },
    {
      environment: 'payments-dev',
      environmentTitle: 'payments-dev',
      mode: 'development',
      service: 'ledger-db',
      version: '1.2.0',
      status: 'deprecated',
    },
  ],
});

describe('TemplatePage', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  it('shows the template, its parameters, versions and where it is used', async () => {
    serveTemplates(server, [postgresqlTemplate], [postgresDetails]);

    await renderAt('/environments/templates/default/postgresql');

    expect(
      await screen.findByRole('heading', { name: 'PostgreSQL' }),
    ).toBeInTheDocument();
    expect(
      screen.getByText('servicetemplate:default/postgresql'),
    ).toBeInTheDocument();
    expect(screen.getByText(/PostgreSQL database: a container/)).toBeVisible();
    expect(
      screen.getByRole('link', { name: /PostgreSQL documentation/ }),
    ).toHaveAttribute('href', 'https://www.postgresql.org/docs/16/index.html');
    expect(screen.queryByText('This template is deprecated')).toBeNull();
    expect(
      screen.getByRole('button', { name: 'Add to environment' }),
    ).toBeEnabled();

    // parameters, from the JSON Schema
    await screen.findByText('Parameters (4)');
    const version = rowOf('PostgreSQL version');
    expect(within(version).getByText('version')).toBeInTheDocument();
    expect(within(version).getByText('string')).toBeInTheDocument();
    expect(within(version).getByText('16')).toBeInTheDocument();
    expect(within(version).getByText('14, 15, 16')).toBeInTheDocument();
    expect(within(version).getByText('yes')).toBeInTheDocument();
    const storage = rowOf('Storage (GB)');
    expect(
      within(storage).getByText('integer (≥ 5, ≤ 1000)'),
    ).toBeInTheDocument();
    expect(within(storage).getByText('20')).toBeInTheDocument();
    expect(within(storage).getByText('no')).toBeInTheDocument();
    expect(
      within(rowOf('mode')).getByText(
        'container runs PostgreSQL next to the services.',
      ),
    ).toBeInTheDocument();

    // versions, newest first
    const versions = screen.getByRole('list', { name: 'Versions' });
    expect(
      within(versions)
        .getAllByRole('listitem')
        .map(item => item.textContent?.slice(0, 5)),
    ).toEqual(['2.1.0', '2.0.0', '1.2.0']);

    // usage, linking each environment
    expect(screen.getByText('Used by (2)')).toBeInTheDocument();
    const staging = rowOf('orders-db');
    expect(
      within(staging).getByRole('link', { name: 'shop-staging' }),
    ).toHaveAttribute('href', '/environments/shop-staging');
    expect(within(staging).getByText('Shop (staging)')).toBeInTheDocument();
    expect(within(staging).getByText('current')).toBeInTheDocument();
    const payments = rowOf('ledger-db');
    expect(within(payments).getByText('1.2.0')).toBeInTheDocument();
    expect(within(payments).getByText('deprecated')).toBeInTheDocument();
  });

  it('warns that a deprecated template should not be used for new services', async () => {
    serveTemplates(
      server,
      [legacyPostgresqlTemplate],
      [makeTemplateDetails(legacyPostgresqlTemplate)],
    );

    await renderAt('/environments/templates/default/postgresql-legacy');

    const banner = await screen.findByRole('alert');
    expect(banner).toHaveTextContent('This template is deprecated');
    expect(banner).toHaveTextContent(
      'new services should start from another template',
    );
    expect(screen.getByText('Used by (0)')).toBeInTheDocument();
    expect(
      screen.getByText('No environment runs a service from this template yet.'),
    ).toBeInTheDocument();
  });

  it('says when no template has that name', async () => {
    serveTemplates(server, [], []);

    await renderAt('/environments/templates/default/nope');

    expect(
      await screen.findByText('No service template named default/nope'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'All service templates' }),
    ).toHaveAttribute('href', '/environments/templates');
  });
});
