import { ResponseError } from '@backstage/errors';
import { mockApis, registerMswTestHooks } from '@backstage/frontend-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { makeEnvironment, makeOperation } from '../__testUtils__/environments';
import { EnvironmentsClient } from './EnvironmentsClient';

describe('EnvironmentsClient', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  const baseUrl = 'http://backstage.test/api/environments';
  const client = new EnvironmentsClient({
    discoveryApi: mockApis.discovery({ baseUrl: 'http://backstage.test' }),
    fetchApi: mockApis.fetch(),
  });

  function captureListRequests() {
    const urls: URL[] = [];
    server.use(
      http.get(`${baseUrl}/environments`, ({ request }) => {
        urls.push(new URL(request.url));
        return HttpResponse.json({ items: [], totalCount: 0 });
      }),
    );
    return urls;
  }

  it('lists environments without a query string when no filter is given', async () => {
    const urls = captureListRequests();

    await expect(client.listEnvironments()).resolves.toEqual({
      items: [],
      totalCount: 0,
    });

    expect(urls).toHaveLength(1);
    expect(urls[0].search).toBe('');
  });

  it('sends every filter, paging and sort option as a query parameter', async () => {
    const urls = captureListRequests();

    await client.listEnvironments({
      limit: 20,
      offset: 40,
      system: 'system:default/shop',
      owner: 'group:default/team-shop',
      mode: 'preview',
      status: 'running',
      component: 'component:default/shop-api',
      q: 'cart & checkout',
      sort: '-updatedAt',
    });

    expect(Object.fromEntries(urls[0].searchParams)).toEqual({
      limit: '20',
      offset: '40',
      system: 'system:default/shop',
      owner: 'group:default/team-shop',
      mode: 'preview',
      status: 'running',
      component: 'component:default/shop-api',
      q: 'cart & checkout',
      sort: '-updatedAt',
    });
  });

  it('leaves out undefined and empty values', async () => {
    const urls = captureListRequests();

    await client.listEnvironments({ q: '', mode: undefined, offset: 0 });

    expect(urls[0].search).toBe('?offset=0');
  });

  it('returns the page the backend sends', async () => {
    const environment = makeEnvironment({ name: 'shop-dev' });
    server.use(
      http.get(`${baseUrl}/environments`, () =>
        HttpResponse.json({ items: [environment], totalCount: 7 }),
      ),
    );

    const result = await client.listEnvironments({ limit: 1 });

    expect(result.totalCount).toBe(7);
    expect(result.items.map(e => e.name)).toEqual(['shop-dev']);
  });

  it('fetches one environment by its encoded name', async () => {
    const paths: string[] = [];
    server.use(
      http.get(`${baseUrl}/environments/:name`, ({ request, params }) => {
        paths.push(new URL(request.url).pathname);
        return HttpResponse.json(
          makeEnvironment({ name: String(params.name) }),
        );
      }),
    );

    const environment = await client.getEnvironment('shop-pr-42');

    expect(environment.name).toBe('shop-pr-42');
    expect(paths).toEqual(['/api/environments/environments/shop-pr-42']);
  });

  it('throws a ResponseError carrying the backend error', async () => {
    server.use(
      http.get(`${baseUrl}/environments/:name`, () =>
        HttpResponse.json(
          {
            error: {
              name: 'NotFoundError',
              message: "No environment named 'nope'",
            },
            request: { method: 'GET', url: '/environments/nope' },
            response: { statusCode: 404 },
          },
          { status: 404 },
        ),
      ),
    );

    const error = await client.getEnvironment('nope').catch(e => e);

    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(404);
    expect(error.body.error.name).toBe('NotFoundError');
    expect(error.cause.message).toBe("No environment named 'nope'");
  });

  it('throws a ResponseError when listing fails', async () => {
    server.use(
      http.get(
        `${baseUrl}/environments`,
        () => new HttpResponse('upstream down', { status: 503 }),
      ),
    );

    await expect(client.listEnvironments()).rejects.toBeInstanceOf(
      ResponseError,
    );
  });

  describe('changes', () => {
    type Captured = {
      method: string;
      path: string;
      search: string;
      headers: Headers;
      body: unknown;
    };

    /** Answers every change with 202 and records the request. */
    function captureChanges(): Captured[] {
      const requests: Captured[] = [];
      const answer = async ({ request }: { request: Request }) => {
        const text = await request.text();
        requests.push({
          method: request.method,
          path: new URL(request.url).pathname,
          search: new URL(request.url).search,
          headers: request.headers,
          body: text ? JSON.parse(text) : undefined,
        });
        return HttpResponse.json(
          {
            environment: makeEnvironment({ name: 'shop-dev' }),
            operation: makeOperation({ id: 'op-1', type: 'stop' }),
          },
          { status: 202 },
        );
      };
      server.use(
        http.post(`${baseUrl}/*`, answer),
        http.delete(`${baseUrl}/*`, answer),
      );
      return requests;
    }

    it('creates an environment with a JSON body', async () => {
      const requests = captureChanges();
      const input = {
        name: 'feature-login',
        system: 'system:default/shop',
        owner: 'group:default/team-shop',
        mode: 'development' as const,
        services: [],
        variables: [],
      };

      const result = await client.createEnvironment(input, {
        idempotencyKey: 'key-1',
      });

      expect(result.operation.id).toBe('op-1');
      expect(requests).toHaveLength(1);
      expect(requests[0].method).toBe('POST');
      expect(requests[0].path).toBe('/api/environments/environments');
      expect(requests[0].body).toEqual(input);
      expect(requests[0].headers.get('content-type')).toBe('application/json');
      expect(requests[0].headers.get('idempotency-key')).toBe('key-1');
    });

    it('stops, starts, destroys and extends by name', async () => {
      const requests = captureChanges();

      await client.stopEnvironment('shop pr/1');
      await client.startEnvironment('shop-dev');
      await client.destroyEnvironment('shop-dev');
      await client.extendEnvironment('shop-dev', '2d');

      expect(requests.map(r => [r.method, r.path, r.body ?? null])).toEqual([
        ['POST', '/api/environments/environments/shop%20pr%2F1/stop', null],
        ['POST', '/api/environments/environments/shop-dev/start', null],
        ['DELETE', '/api/environments/environments/shop-dev', null],
        [
          'POST',
          '/api/environments/environments/shop-dev/extend',
          { by: '2d' },
        ],
      ]);
      // no idempotency key unless one is given
      expect(requests[0].headers.has('idempotency-key')).toBe(false);
    });

    it('confirms a stop or destroy with force: in the body of the stop, in the query of the DELETE', async () => {
      const requests = captureChanges();

      await client.stopEnvironment('staging', { force: true });
      await client.destroyEnvironment('staging', { force: true });
      await client.destroyEnvironment('staging', { force: false });

      expect(requests.map(r => [r.method, r.search, r.body ?? null])).toEqual([
        ['POST', '', { force: true }],
        ['DELETE', '?force=true', null],
        ['DELETE', '', null],
      ]);
    });

    it('rethrows the backend InputError with its message', async () => {
      server.use(
        http.post(`${baseUrl}/environments`, () =>
          HttpResponse.json(
            {
              error: {
                name: 'InputError',
                message: 'name: must be lower case letters',
              },
              response: { statusCode: 400 },
            },
            { status: 400 },
          ),
        ),
      );

      const error = await client
        .createEnvironment({
          name: 'Bad',
          system: 'system:default/shop',
          owner: 'group:default/team-shop',
          mode: 'development',
          services: [],
          variables: [],
        })
        .catch(e => e);

      expect(error).toBeInstanceOf(ResponseError);
      expect(error.statusCode).toBe(400);
      expect(error.body.error.message).toBe('name: must be lower case letters');
    });
  });

  describe('cloning and variables', () => {
    const plan = {
      input: {
        name: 'shop-dev-copy',
        system: 'system:default/shop',
        owner: 'group:default/team-shop',
        mode: 'development',
        services: [],
        variables: [],
      },
      attention: [
        { item: 'secret:STRIPE_KEY', reason: 'secrets are not copied' },
      ],
      data: [],
      diff: [{ kind: 'copied', path: 'services.api' }],
    };

    function captureClones() {
      const requests: Array<{ path: string; body: any }> = [];
      server.use(
        http.post(
          `${baseUrl}/environments/:name/clone`,
          async ({ request }) => {
            const body = (await request.json()) as any;
            requests.push({ path: new URL(request.url).pathname, body });
            if (body.dryRun) {
              return HttpResponse.json(plan);
            }
            return HttpResponse.json(
              {
                environment: makeEnvironment({ name: body.name }),
                operation: makeOperation({ id: 'op-clone', type: 'create' }),
              },
              { status: 202 },
            );
          },
        ),
      );
      return requests;
    }

    it('answers a dry run with the plan', async () => {
      const requests = captureClones();

      const result = await client.cloneEnvironment('shop dev', {
        name: 'shop-dev-copy',
        mode: 'development',
        dataPolicy: 'seed',
        services: ['api'],
        dryRun: true,
      });

      expect(result).toEqual(plan);
      expect(requests).toEqual([
        {
          path: '/api/environments/environments/shop%20dev/clone',
          body: {
            name: 'shop-dev-copy',
            mode: 'development',
            dataPolicy: 'seed',
            services: ['api'],
            dryRun: true,
          },
        },
      ]);
    });

    it('answers a real clone with the new environment and its operation', async () => {
      const requests = captureClones();

      const result = await client.cloneEnvironment('shop-dev', {
        name: 'shop-dev-copy',
        mode: 'preview',
        ttl: '3d',
        dataPolicy: 'empty',
      });

      expect(result.environment?.name).toBe('shop-dev-copy');
      expect(result.operation.id).toBe('op-clone');
      expect(requests[0].body).toEqual({
        name: 'shop-dev-copy',
        mode: 'preview',
        ttl: '3d',
        dataPolicy: 'empty',
      });
    });

    it('rethrows a 409 from clone', async () => {
      server.use(
        http.post(`${baseUrl}/environments/:name/clone`, () =>
          HttpResponse.json(
            {
              error: { name: 'ConflictError', message: 'name is taken' },
              response: { statusCode: 409 },
            },
            { status: 409 },
          ),
        ),
      );

      const error = await client
        .cloneEnvironment('shop-dev', {
          name: 'taken',
          mode: 'development',
        })
        .catch(e => e);

      expect(error).toBeInstanceOf(ResponseError);
      expect(error.statusCode).toBe(409);
    });

    it('PUTs a variable at environment or service scope', async () => {
      const requests: Array<[string, string, unknown]> = [];
      server.use(
        http.put(`${baseUrl}/*`, async ({ request }) => {
          requests.push([
            request.method,
            new URL(request.url).pathname,
            await request.json(),
          ]);
          return HttpResponse.json(makeEnvironment({ name: 'shop-dev' }));
        }),
      );

      const environment = await client.setVariable('shop-dev', 'STRIPE_KEY', {
        kind: 'secret',
        value: 's3cret',
      });
      await client.setVariable(
        'shop-dev',
        'API KEY',
        { kind: 'value', value: 'x' },
        'payments-worker',
      );

      expect(environment.name).toBe('shop-dev');
      expect(requests).toEqual([
        [
          'PUT',
          '/api/environments/environments/shop-dev/variables/STRIPE_KEY',
          { kind: 'secret', value: 's3cret' },
        ],
        [
          'PUT',
          '/api/environments/environments/shop-dev/services/payments-worker/variables/API%20KEY',
          { kind: 'value', value: 'x' },
        ],
      ]);
    });
  });

  it('reads how full the preview quotas are', async () => {
    const report = {
      configured: true,
      systems: [
        {
          ref: 'system:default/shop',
          limit: 2,
          running: 0,
          queued: 0,
          previews: [],
        },
      ],
      teams: [],
    };
    server.use(
      http.get(`${baseUrl}/previews/quota`, () => HttpResponse.json(report)),
    );

    await expect(client.getPreviewQuota()).resolves.toEqual(report);
  });

  it('reads operations, one operation and the plan', async () => {
    const operation = makeOperation({ id: 'op 7', type: 'create' });
    const paths: string[] = [];
    server.use(
      http.get(`${baseUrl}/environments/:name/operations`, ({ request }) => {
        paths.push(new URL(request.url).pathname);
        return HttpResponse.json({ items: [operation] });
      }),
      http.get(`${baseUrl}/operations/:id`, ({ request }) => {
        paths.push(new URL(request.url).pathname);
        return HttpResponse.json(operation);
      }),
      http.get(`${baseUrl}/environments/:name/plan`, ({ request }) => {
        paths.push(new URL(request.url).pathname);
        return HttpResponse.json({
          runtime: 'local',
          changes: [{ action: 'create', resource: 'simulated/api' }],
        });
      }),
    );

    await expect(client.listOperations('shop-dev')).resolves.toEqual({
      items: [operation],
    });
    await expect(client.getOperation('op 7')).resolves.toEqual(operation);
    await expect(client.getPlan('shop-dev')).resolves.toEqual({
      runtime: 'local',
      changes: [{ action: 'create', resource: 'simulated/api' }],
    });
    expect(paths).toEqual([
      '/api/environments/environments/shop-dev/operations',
      '/api/environments/operations/op%207',
      '/api/environments/environments/shop-dev/plan',
    ]);
  });
});
