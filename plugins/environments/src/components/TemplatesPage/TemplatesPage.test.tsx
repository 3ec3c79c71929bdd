import {
  registerMswTestHooks,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { sampleTemplates, serveTemplates } from '../../__testUtils__/templates';
import {
  testApis,
  testMountedRoutesWithEnvironments,
  TEST_BACKEND_URL,
} from '../../__testUtils__/testApp';
import { UrlFilters, urlFilters } from '../../__testUtils__/urlFilters';
import { TemplatesPage } from './TemplatesPage';

function renderPage(url = '/environments/templates') {
  return renderInTestApp(
    <>
      <TemplatesPage />
      <UrlFilters />
    </>,
    {
      apis: testApis,
      mountedRoutes: testMountedRoutesWithEnvironments,
      initialRouteEntries: [url],
    },
  );
}

function cards(): HTMLElement[] {
  return screen.queryAllByTestId(/^template-card-/);
}

function card(title: string): HTMLElement {
  return screen.getByRole('article', { name: title });
}

describe('TemplatesPage', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  it('shows a card per template with its facts and a link to its page', async () => {
    const requests = serveTemplates(server, sampleTemplates);

    await renderPage();

    expect(
      screen.getByRole('heading', { name: 'Service templates' }),
    ).toBeInTheDocument();
    await screen.findByRole('article', { name: 'PostgreSQL' });
    expect(cards()).toHaveLength(4);
    expect(screen.getByText('4 templates')).toBeInTheDocument();

    const postgres = within(card('PostgreSQL'));
    expect(postgres.getByRole('heading', { name: 'PostgreSQL' })).toBeVisible();
    expect(
      postgres.getByText(/PostgreSQL database: a container/),
    ).toBeVisible();
    expect(postgres.getByTestId('template-facets')).toHaveTextContent(
      'databasepostgresqlv2.1.0',
    );
    expect(postgres.getByText('production')).toBeVisible();
    expect(postgres.getByText('3 services')).toBeVisible();
    expect(postgres.getByTestId('template-tags')).toHaveTextContent(
      'databasepostgresqlsql',
    );
    expect(postgres.getByText('platform').closest('a')).toHaveAttribute(
      'href',
      '/catalog/default/group/platform',
    );
    expect(
      postgres.getByRole('button', { name: 'Details of PostgreSQL' }),
    ).toHaveAttribute('href', '/environments/templates/default/postgresql');

    const deprecated = within(card('PostgreSQL (legacy 1.x)')).getByTestId(
      'lifecycle-chip',
    );
    expect(deprecated).toHaveTextContent('deprecated');
    // in the warning colour
    expect(deprecated.className).toMatch(/GreenroomOutlinedChip-warning/);
    expect(
      within(card('Node.js API')).getByTestId('lifecycle-chip'),
    ).toHaveTextContent('experimental');
    expect(within(card('Redis')).getByText('not used yet')).toBeVisible();

    expect(requests).toHaveLength(1);
    expect(requests[0].toString()).toBe('');
  });

  it('sends the selected filters to the backend and keeps them in the URL', async () => {
    const requests = serveTemplates(server, sampleTemplates);
    const user = userEvent.setup();

    await renderPage();
    await screen.findByRole('article', { name: 'Redis' });

    await user.selectOptions(screen.getByLabelText('Type'), 'database');

    await waitFor(() =>
      expect(
        screen.queryByRole('article', { name: 'Redis' }),
      ).not.toBeInTheDocument(),
    );
    expect(cards()).toHaveLength(2);
    expect(Object.fromEntries(requests[requests.length - 1])).toEqual({
      type: 'database',
    });
    await waitFor(() => expect(urlFilters()).toEqual({ type: 'database' }));

    await user.selectOptions(screen.getByLabelText('Lifecycle'), 'deprecated');
    await waitFor(() => expect(cards()).toHaveLength(1));
    expect(Object.fromEntries(requests[requests.length - 1])).toEqual({
      type: 'database',
      lifecycle: 'deprecated',
    });

    // engines and owners seen before filtering stay selectable
    await user.selectOptions(screen.getByLabelText('Lifecycle'), '');
    await user.selectOptions(screen.getByLabelText('Type'), '');
    await user.selectOptions(screen.getByLabelText('Engine'), 'redis');
    await user.selectOptions(
      screen.getByLabelText('Owner'),
      'group:default/platform',
    );
    await waitFor(() =>
      expect(urlFilters()).toEqual({
        engine: 'redis',
        owner: 'group:default/platform',
      }),
    );
    // The URL changes first; the request follows it.
    await waitFor(() =>
      expect(Object.fromEntries(requests[requests.length - 1])).toEqual({
        engine: 'redis',
        owner: 'group:default/platform',
      }),
    );
    await waitFor(() => expect(cards()).toHaveLength(1));

    await user.type(screen.getByLabelText('Search'), 'cache');
    await waitFor(() =>
      expect(urlFilters()).toEqual({
        engine: 'redis',
        owner: 'group:default/platform',
        q: 'cache',
      }),
    );
    await waitFor(() =>
      expect(requests[requests.length - 1].get('q')).toBe('cache'),
    );
  });

  it('reads the filters from a shared link', async () => {
    const requests = serveTemplates(server, sampleTemplates);

    await renderPage(
      '/environments/templates?filters[engine]=postgresql&filters[lifecycle]=production&filters[type]=nonsense',
    );

    expect(
      await screen.findByRole('article', { name: 'PostgreSQL' }),
    ).toBeInTheDocument();
    expect(cards()).toHaveLength(1);
    expect(Object.fromEntries(requests[0])).toEqual({
      engine: 'postgresql',
      lifecycle: 'production',
    });
    expect(screen.getByLabelText('Lifecycle')).toHaveValue('production');
    expect(screen.getByLabelText('Engine')).toHaveValue('postgresql');
  });

  it('explains how DevOps publish templates when there are none', async () => {
    serveTemplates(server, []);

    await renderPage();

    expect(
      await screen.findByText('No service templates yet'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/register a ServiceTemplate YAML .* in the catalog/),
    ).toBeInTheDocument();
    expect(screen.queryByLabelText('Type')).not.toBeInTheDocument();
  });

  it('says no template matches and clears the filters on request', async () => {
    const requests = serveTemplates(server, sampleTemplates);
    const user = userEvent.setup();

    await renderPage(
      '/environments/templates?filters[type]=job&filters[q]=postgres',
    );

    expect(
      await screen.findByText('No template matches these filters'),
    ).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Clear filters' }));

    expect(
      await screen.findByRole('article', { name: 'Redis' }),
    ).toBeInTheDocument();
    expect(requests[requests.length - 1].toString()).toBe('');
    await waitFor(() => expect(urlFilters()).toEqual({}));
    expect(screen.getByLabelText('Search')).toHaveValue('');
  });

  it('shows the error and retries', async () => {
    let fail = true;
    server.use(
      http.get(`${TEST_BACKEND_URL}/templates`, () =>
        fail
          ? HttpResponse.json(
              {
                error: { name: 'Error', message: 'catalog unavailable' },
                response: { statusCode: 503 },
              },
              { status: 503 },
            )
          : HttpResponse.json({ items: sampleTemplates }),
      ),
    );
    const user = userEvent.setup();

    await renderPage();

    expect(await screen.findByText(/catalog unavailable/)).toBeInTheDocument();
    fail = false;
    await user.click(screen.getByRole('button', { name: 'Retry' }));
    expect(
      await screen.findByRole('article', { name: 'Redis' }),
    ).toBeInTheDocument();
  });
});
