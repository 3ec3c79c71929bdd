import {
  registerMswTestHooks,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  makeEnvironment,
  makeObserved,
  makeService,
  sampleEnvironments,
} from '../../__testUtils__/environments';
import {
  serveEnvironmentList,
  servePreviewQuota,
  testApis,
  testMountedRoutes,
  TEST_BACKEND_URL,
} from '../../__testUtils__/testApp';
import { UrlFilters, urlFilters } from '../../__testUtils__/urlFilters';
import { EnvironmentsPage } from './EnvironmentsPage';

function renderPage(url = '/environments') {
  return renderInTestApp(
    <>
      <EnvironmentsPage />
      <UrlFilters />
    </>,
    {
      apis: testApis,
      mountedRoutes: testMountedRoutes,
      initialRouteEntries: [url],
    },
  );
}

/** The row of the environment list (not of the quota tables) that shows `text`. */
function listRowOf(text: string): HTMLElement {
  const row = screen
    .getAllByText(text)
    .map(element => element.closest('tr'))
    .find(tr => tr && !tr.closest('table[aria-label]'));
  if (!row) {
    throw new Error(`No row of the list contains ${text}`);
  }
  return row;
}

function rowOf(text: string): HTMLElement {
  const row = screen.getByText(text).closest('tr');
  if (!row) {
    throw new Error(`No table row contains ${text}`);
  }
  return row;
}

describe('EnvironmentsPage', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  it('lists environments with mode, status, runtime, services and owners', async () => {
    const requests = serveEnvironmentList(server, sampleEnvironments);

    await renderPage();

    expect(
      screen.getByRole('heading', { name: 'Environments' }),
    ).toBeInTheDocument();
    expect(await screen.findByText('shop-production')).toBeInTheDocument();

    const production = rowOf('shop-production');
    expect(
      within(production).getByText('Shop (production)'),
    ).toBeInTheDocument();
    expect(within(production).getByText('production')).toBeInTheDocument();
    expect(within(production).getByText('running')).toBeInTheDocument();
    expect(
      within(production).getByText('kubernetes/prod-eu-1'),
    ).toBeInTheDocument();
    expect(within(production).getByText('2')).toBeInTheDocument();
    expect(within(production).getByText('shop')).toBeInTheDocument();
    expect(within(production).getByText('team-shop')).toBeInTheDocument();

    const preview = rowOf('shop-pr-42');
    expect(within(preview).getByText('preview')).toBeInTheDocument();
    expect(within(preview).getByText('stopped')).toBeInTheDocument();
    expect(within(preview).getByText('local (simulated)')).toBeInTheDocument();
    expect(within(preview).getByText('in 2 days')).toBeInTheDocument();

    const staging = rowOf('shop-staging');
    expect(within(staging).getByText('degraded')).toBeInTheDocument();
    // no expiry
    expect(within(staging).getByText('—')).toBeInTheDocument();

    expect(requests).toHaveLength(1);
    expect(Object.fromEntries(requests[0])).toEqual({
      limit: '20',
      offset: '0',
    });
  });

  it('marks the environments that share a base under their name', async () => {
    serveEnvironmentList(server, [
      ...sampleEnvironments,
      makeEnvironment({
        name: 'shop-pr-7',
        mode: 'preview',
        services: [makeService({ name: 'api', kind: 'application' })],
        baseline: {
          environmentId: 'env-shop-staging',
          environment: 'shop-staging',
          databases: 'clone',
        },
      }),
    ]);

    await renderPage();

    await screen.findByText('shop-pr-7');
    const dependant = rowOf('shop-pr-7');
    expect(
      within(dependant).getByText('shares shop-staging'),
    ).toBeInTheDocument();
    expect(within(rowOf('shop-staging')).queryByText(/^shares /)).toBeNull();
    expect(screen.getAllByText(/^shares /)).toHaveLength(1);
  });

  it('links each environment at its main public URL, a stopped one too', async () => {
    serveEnvironmentList(server, [
      ...sampleEnvironments,
      makeEnvironment({
        name: 'db-first',
        services: [
          makeService({
            name: 'db',
            kind: 'database',
            observed: makeObserved({ publicUrls: ['https://db.example'] }),
          }),
          makeService({
            name: 'web',
            kind: 'application',
            observed: makeObserved({
              publicUrls: ['https://web.example/', 'https://www.example'],
            }),
          }),
        ],
      }),
    ]);

    await renderPage();
    await screen.findByText('shop-production');

    const production = within(rowOf('shop-production')).getByRole('link', {
      name: /^shop\.acme\.example,/,
    });
    expect(production).toHaveAttribute('href', 'https://shop.acme.example');
    expect(production).toHaveAttribute('target', '_blank');
    expect(production).toHaveAttribute('rel', 'noopener noreferrer');
    // stopped: visiting the URL may wake it, so it still shows
    expect(
      within(rowOf('shop-pr-42')).getByRole('link', {
        name: /^shop-pr-42\.preview\.acme\.example,/,
      }),
    ).toHaveAttribute('href', 'https://shop-pr-42.preview.acme.example');
    // the application's URL, not the database's that comes first
    expect(
      within(rowOf('db-first')).getByRole('link', { name: /^web\.example,/ }),
    ).toHaveAttribute('href', 'https://web.example/');
    // never observed: no URL yet
    const payments = rowOf('payments-dev');
    expect(
      within(payments).queryByRole('link', { name: /example/ }),
    ).not.toBeInTheDocument();
  });

  it('links system and owner to their catalog pages', async () => {
    serveEnvironmentList(server, sampleEnvironments);

    await renderPage();

    const row = await waitFor(() => rowOf('payments-dev'));
    expect(within(row).getByText('payments').closest('a')).toHaveAttribute(
      'href',
      '/catalog/default/system/payments',
    );
    expect(within(row).getByText('team-payments').closest('a')).toHaveAttribute(
      'href',
      '/catalog/default/group/team-payments',
    );
  });

  it('sends the selected mode and status to the backend and starts over at the first page', async () => {
    const requests = serveEnvironmentList(server, sampleEnvironments);
    const user = userEvent.setup();

    await renderPage();
    await screen.findByText('shop-production');

    await user.selectOptions(screen.getByLabelText('Mode'), 'staging');

    expect(await screen.findByText('shop-staging')).toBeInTheDocument();
    await waitFor(() =>
      expect(screen.queryByText('shop-production')).not.toBeInTheDocument(),
    );
    expect(Object.fromEntries(requests[requests.length - 1])).toEqual({
      mode: 'staging',
      limit: '20',
      offset: '0',
    });

    await user.selectOptions(screen.getByLabelText('Status'), 'degraded');

    await waitFor(() =>
      expect(Object.fromEntries(requests[requests.length - 1])).toEqual({
        mode: 'staging',
        status: 'degraded',
        limit: '20',
        offset: '0',
      }),
    );
  });

  it('offers the systems and owners it has seen and filters by them', async () => {
    const requests = serveEnvironmentList(server, sampleEnvironments);
    const user = userEvent.setup();

    await renderPage();
    await screen.findByText('payments-dev');

    await user.selectOptions(
      screen.getByLabelText('System'),
      'system:default/payments',
    );

    await waitFor(() =>
      expect(requests[requests.length - 1].get('system')).toBe(
        'system:default/payments',
      ),
    );
    await waitFor(() =>
      expect(screen.queryByText('shop-production')).not.toBeInTheDocument(),
    );
    // The other system stays selectable after filtering.
    expect(
      within(screen.getByLabelText('System')).getByRole('option', {
        name: 'shop',
      }),
    ).toBeInTheDocument();

    await user.selectOptions(
      screen.getByLabelText('Owner'),
      'group:default/team-payments',
    );
    await waitFor(() =>
      expect(requests[requests.length - 1].get('owner')).toBe(
        'group:default/team-payments',
      ),
    );
  });

  it('searches after typing pauses, with one request for the whole word', async () => {
    const requests = serveEnvironmentList(server, sampleEnvironments);
    const user = userEvent.setup();

    await renderPage();
    await screen.findByText('shop-production');
    const before = requests.length;

    await user.type(screen.getByLabelText('Search'), 'payments');

    await waitFor(() =>
      expect(screen.queryByText('shop-production')).not.toBeInTheDocument(),
    );
    expect(screen.getByText('payments-dev')).toBeInTheDocument();
    const searches = requests.slice(before).map(params => params.get('q'));
    expect(searches).toEqual(['payments']);
  });

  it('writes the filters into the URL so the list can be shared', async () => {
    serveEnvironmentList(server, sampleEnvironments);
    const user = userEvent.setup();

    await renderPage();
    await screen.findByText('shop-production');
    expect(urlFilters()).toEqual({});

    await user.selectOptions(screen.getByLabelText('Mode'), 'preview');
    await user.type(screen.getByLabelText('Search'), 'shop');

    await waitFor(() =>
      expect(urlFilters()).toEqual({ mode: 'preview', q: 'shop' }),
    );

    await user.selectOptions(screen.getByLabelText('Mode'), '');

    await waitFor(() => expect(urlFilters()).toEqual({ q: 'shop' }));
  });

  it('reads the filters from a shared link', async () => {
    const requests = serveEnvironmentList(server, sampleEnvironments);

    await renderPage(
      '/environments?filters[mode]=preview&filters[q]=shop&filters[system]=system:default/shop',
    );

    expect(await screen.findByText('shop-pr-42')).toBeInTheDocument();
    expect(screen.queryByText('shop-production')).not.toBeInTheDocument();
    expect(Object.fromEntries(requests[0])).toEqual({
      mode: 'preview',
      q: 'shop',
      system: 'system:default/shop',
      limit: '20',
      offset: '0',
    });
    expect(screen.getByLabelText('Mode')).toHaveValue('preview');
    expect(screen.getByLabelText('Search')).toHaveValue('shop');
    expect(screen.getByLabelText('System')).toHaveValue('system:default/shop');
  });

  it('ignores modes that do not exist in a link', async () => {
    const requests = serveEnvironmentList(server, sampleEnvironments);

    await renderPage('/environments?filters[mode]=party');

    await screen.findByText('shop-production');
    expect(requests[0].has('mode')).toBe(false);
  });

  it("shows each preview's priority, marks the one a full quota stops next and says how full each quota is", async () => {
    const preview = (name: string, priority: number) =>
      makeEnvironment({ name, mode: 'preview', policy: { priority } });
    serveEnvironmentList(server, [
      preview('pr-idle', 10),
      preview('pr-busy', 20),
      makeEnvironment({ name: 'shop-staging', mode: 'staging' }),
    ]);
    const entry = (name: string, priority: number, reclaimNext = false) => ({
      name,
      priority,
      lastActivityAt: new Date().toISOString(),
      reclaimNext,
    });
    servePreviewQuota(server, {
      configured: true,
      systems: [
        {
          ref: 'system:default/shop',
          limit: 2,
          running: 2,
          queued: 1,
          previews: [entry('pr-idle', 10, true), entry('pr-busy', 20)],
        },
      ],
      teams: [
        {
          ref: 'group:default/team-shop',
          running: 2,
          queued: 1,
          previews: [entry('pr-idle', 10), entry('pr-busy', 20)],
        },
      ],
    });

    await renderPage();

    const idle = await waitFor(() => {
      const row = listRowOf('pr-idle');
      within(row).getByText('Reclaimed next');
      return row;
    });
    expect(within(idle).getByText('10')).toBeInTheDocument();
    expect(
      within(idle).getByTitle(
        /^The preview quota of system:default\/shop is full\. When one more preview of priority 10 or higher needs a slot, this one is stopped first/,
      ),
    ).toBeInTheDocument();
    const busy = rowOf('pr-busy');
    expect(within(busy).getByText('20')).toBeInTheDocument();
    expect(within(busy).queryByText('Reclaimed next')).not.toBeInTheDocument();
    // Priorities are about preview slots: other modes show none.
    expect(
      within(rowOf('shop-staging')).queryByText('50'),
    ).not.toBeInTheDocument();

    expect(screen.getByText('Preview quota')).toBeInTheDocument();
    const systems = screen.getByRole('table', { name: 'Systems' });
    const shop = within(systems).getByText('shop').closest('tr')!;
    expect(within(shop).getByText('2 / 2')).toBeInTheDocument();
    expect(within(shop).getByText('1')).toBeInTheDocument();
    expect(within(shop).getByText('pr-idle')).toBeInTheDocument();
    const teams = screen.getByRole('table', { name: 'Teams' });
    const team = within(teams).getByText('team-shop').closest('tr')!;
    expect(within(team).getByText('2 (no limit)')).toBeInTheDocument();
  });

  it('says when no preview quota is configured', async () => {
    serveEnvironmentList(server, sampleEnvironments);

    await renderPage();

    expect(
      await screen.findByText('No preview quota is configured'),
    ).toBeInTheDocument();
    expect(screen.queryByText('Reclaimed next')).not.toBeInTheDocument();
  });

  it('pages through the list on the server', async () => {
    const many = Array.from({ length: 45 }, (_, i) =>
      makeEnvironment({ name: `env-${String(i).padStart(2, '0')}` }),
    );
    const requests = serveEnvironmentList(server, many);
    const user = userEvent.setup();

    await renderPage();
    expect(await screen.findByText('env-00')).toBeInTheDocument();
    expect(screen.queryByText('env-20')).not.toBeInTheDocument();
    expect(screen.getAllByText('1-20 of 45').length).toBeGreaterThan(0);

    await user.click(screen.getByRole('button', { name: /next page/i }));

    expect(await screen.findByText('env-20')).toBeInTheDocument();
    expect(screen.queryByText('env-00')).not.toBeInTheDocument();
    expect(requests[requests.length - 1].get('offset')).toBe('20');
    expect(requests[requests.length - 1].get('limit')).toBe('20');
    expect(screen.getAllByText('21-40 of 45').length).toBeGreaterThan(0);
  });

  it('explains what environments are when there are none at all', async () => {
    serveEnvironmentList(server, []);

    await renderPage();

    expect(await screen.findByText('No environments yet')).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: /read the docs/i }),
    ).toHaveAttribute('href', expect.stringContaining('plugins/environments'));
    expect(screen.queryByLabelText('Mode')).not.toBeInTheDocument();
  });

  it('says no environment matches and clears the filters on request', async () => {
    const requests = serveEnvironmentList(server, sampleEnvironments);
    const user = userEvent.setup();

    await renderPage(
      '/environments?filters[mode]=production&filters[status]=failed',
    );

    expect(
      await screen.findByText('No environment matches these filters'),
    ).toBeInTheDocument();
    expect(screen.queryByText('No environments yet')).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Clear filters' }));

    expect(await screen.findByText('shop-production')).toBeInTheDocument();
    expect(Object.fromEntries(requests[requests.length - 1])).toEqual({
      limit: '20',
      offset: '0',
    });
    expect(screen.getByLabelText('Mode')).toHaveValue('');
    expect(screen.getByLabelText('Status')).toHaveValue('');
  });

  it('shows the backend error and retries', async () => {
    let fail = true;
    server.use(
      http.get(`${TEST_BACKEND_URL}/environments`, () =>
        fail
          ? HttpResponse.json(
              {
                error: { name: 'Error', message: 'database is locked' },
                response: { statusCode: 500 },
              },
              { status: 500 },
            )
          : HttpResponse.json({
              items: [makeEnvironment({ name: 'recovered' })],
              totalCount: 1,
            }),
      ),
    );
    const user = userEvent.setup();

    await renderPage();

    expect(
      await screen.findByText(/request failed with 500/i),
    ).toBeInTheDocument();
    expect(screen.getByText(/database is locked/)).toBeInTheDocument();

    fail = false;
    await user.click(screen.getByRole('button', { name: 'Retry' }));

    expect(await screen.findByText('recovered')).toBeInTheDocument();
  });
});
