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
import type { ApiEnvironment } from '../../api';
import { makeEnvironment, makeService } from '../../__testUtils__/environments';
import {
  serveEnvironment,
  testApis,
  testMountedRoutesWithEnvironments,
  TEST_BACKEND_URL,
} from '../../__testUtils__/testApp';
import { EnvironmentsRouter } from '../EnvironmentsRouter';
import { inPage } from '../../__testUtils__/pageRouter';

const SECRET = 'sk_test_entered_by_hand';

function clone(): ApiEnvironment {
  return makeEnvironment({
    name: 'dev-ada',
    services: [
      makeService({ name: 'web', kind: 'application' }),
      makeService({ name: 'payments-worker', kind: 'application' }),
    ],
    attention: [
      {
        item: 'secret:STRIPE_KEY',
        reason: 'secrets are not copied: set a value for the clone',
      },
      {
        item: 'secret:payments-worker/STRIPE_KEY',
        reason: 'secrets are not copied: set a value for the clone',
      },
      {
        item: 'domain:shop.example.com',
        reason: 'custom domains stay with shop-staging',
      },
    ],
  });
}

/** Answers the variable PUTs the way the API does: the secret shows as set. */
function serveVariables(
  server: ReturnType<typeof setupServer>,
  state: { environment: ApiEnvironment },
) {
  const puts: Array<{ path: string; body: unknown }> = [];
  const answer = async ({
    request,
    params,
  }: {
    request: Request;
    params: Record<string, string | readonly string[] | undefined>;
  }) => {
    puts.push({
      path: new URL(request.url).pathname,
      body: await request.json(),
    });
    const set = {
      key: String(params.key),
      kind: 'secret' as const,
      isSet: true,
    };
    const env = state.environment;
    state.environment = params.service
      ? {
          ...env,
          services: env.services.map(s =>
            s.name === params.service
              ? { ...s, variables: [...s.variables, set] }
              : s,
          ),
        }
      : { ...env, variables: [...env.variables, set] };
    return HttpResponse.json(state.environment);
  };
  server.use(
    http.put(`${TEST_BACKEND_URL}/environments/:name/variables/:key`, answer),
    http.put(
      `${TEST_BACKEND_URL}/environments/:name/services/:service/variables/:key`,
      answer,
    ),
  );
  return puts;
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

describe('AttentionBanner', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  it('lists the attention items with their reasons; only secrets get a form', async () => {
    serveEnvironment(server, { environment: clone(), operations: [] });

    await renderAt('/environments/dev-ada');

    const banner = await screen.findByRole('alert');
    expect(banner).toHaveTextContent(
      'This environment needs your attention (3)',
    );
    expect(banner).toHaveTextContent(
      'Secret STRIPE_KEY: secrets are not copied: set a value for the clone',
    );
    expect(banner).toHaveTextContent(
      'Custom domain shop.example.com: custom domains stay with shop-staging',
    );
    await waitFor(() =>
      expect(
        within(banner).getByLabelText('Value of STRIPE_KEY'),
      ).toBeInTheDocument(),
    );
    expect(
      within(banner).getByLabelText('Value of payments-worker/STRIPE_KEY'),
    ).toHaveAttribute('type', 'password');
    const domain = screen.getByTestId('attention-domain:shop.example.com');
    expect(within(domain).queryByRole('textbox')).not.toBeInTheDocument();
    expect(domain.querySelector('input')).toBeNull();
  });

  it('PUTs each secret at its scope, marks it done and never shows the value', async () => {
    const state = { environment: clone(), operations: [] };
    serveEnvironment(server, state);
    const puts = serveVariables(server, state);
    const user = userEvent.setup();

    const { container } = await renderAt('/environments/dev-ada');

    const serviceInput = await screen.findByLabelText(
      'Value of payments-worker/STRIPE_KEY',
    );
    await user.type(serviceInput, SECRET);
    await user.click(
      within(
        screen.getByRole('form', { name: 'Set payments-worker/STRIPE_KEY' }),
      ).getByRole('button', { name: 'Save' }),
    );

    await waitFor(() =>
      expect(
        screen.getByLabelText('payments-worker/STRIPE_KEY is set'),
      ).toBeInTheDocument(),
    );
    expect(puts).toEqual([
      {
        path: '/api/environments/environments/dev-ada/services/payments-worker/variables/STRIPE_KEY',
        body: { kind: 'secret', value: SECRET },
      },
    ]);
    expect(
      screen.queryByLabelText('Value of payments-worker/STRIPE_KEY'),
    ).not.toBeInTheDocument();
    // the environment-scope secret is still to be entered
    const envInput = screen.getByLabelText('Value of STRIPE_KEY');
    expect(envInput).toHaveValue('');
    expect(container.innerHTML).not.toContain(SECRET);

    await user.type(envInput, `${SECRET}-env{enter}`);

    await waitFor(() =>
      expect(screen.getByLabelText('STRIPE_KEY is set')).toBeInTheDocument(),
    );
    expect(puts[1]).toEqual({
      path: '/api/environments/environments/dev-ada/variables/STRIPE_KEY',
      body: { kind: 'secret', value: `${SECRET}-env` },
    });
    expect(container.innerHTML).not.toContain(SECRET);
    // the domain still needs attention, so the banner stays
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Custom domain shop.example.com',
    );
  });

  it('hides once every secret has been entered again', async () => {
    const environment = clone();
    environment.attention = environment.attention.filter(a =>
      a.item.startsWith('secret:'),
    );
    environment.variables = [
      { key: 'STRIPE_KEY', kind: 'secret', isSet: true },
    ];
    environment.services[1].variables = [
      { key: 'STRIPE_KEY', kind: 'secret', isSet: true },
    ];
    serveEnvironment(server, { environment, operations: [] });

    await renderAt('/environments/dev-ada');

    await screen.findByText('Services (2)');
    expect(screen.queryByText(/needs your attention/)).not.toBeInTheDocument();
  });
});
