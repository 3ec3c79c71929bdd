import { ResponseError } from '@backstage/errors';
import { mockApis, registerMswTestHooks } from '@backstage/frontend-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { makeEnvironment, makeOperation } from '../__testUtils__/environments';
import {
  makeTemplateDetails,
  postgresqlTemplate,
} from '../__testUtils__/templates';
import { EnvironmentsClient } from './EnvironmentsClient';

describe('EnvironmentsClient (service templates)', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  const baseUrl = 'http://backstage.test/api/environments';
  const client = new EnvironmentsClient({
    discoveryApi: mockApis.discovery({ baseUrl: 'http://backstage.test' }),
    fetchApi: mockApis.fetch(),
  });

  function errorBody(status: number, name: string, message: string) {
    return HttpResponse.json(
      { error: { name, message }, response: { statusCode: status } },
      { status },
    );
  }

  type Captured = { method: string; path: string; headers: Headers; body: any };

  /** Records every POST and answers with `answer(body)`. */
  function capturePosts(answer: (body: any) => Response): Captured[] {
    const requests: Captured[] = [];
    server.use(
      http.post(`${baseUrl}/*`, async ({ request }) => {
        const text = await request.text();
        const body = text ? JSON.parse(text) : undefined;
        requests.push({
          method: request.method,
          path: new URL(request.url).pathname,
          headers: request.headers,
          body,
        });
        return answer(body);
      }),
    );
    return requests;
  }

  it('lists templates without a query string when no filter is given', async () => {
    const urls: URL[] = [];
    server.use(
      http.get(`${baseUrl}/templates`, ({ request }) => {
        urls.push(new URL(request.url));
        return HttpResponse.json({ items: [postgresqlTemplate] });
      }),
    );

    await expect(client.listTemplates()).resolves.toEqual({
      items: [postgresqlTemplate],
    });
    expect(urls[0].pathname).toBe('/api/environments/templates');
    expect(urls[0].search).toBe('');
  });

  it('sends every template filter as a query parameter and leaves out empty ones', async () => {
    const urls: URL[] = [];
    server.use(
      http.get(`${baseUrl}/templates`, ({ request }) => {
        urls.push(new URL(request.url));
        return HttpResponse.json({ items: [] });
      }),
    );

    await client.listTemplates({
      q: 'postgres & co',
      type: 'database',
      engine: 'postgresql',
      lifecycle: 'deprecated',
      owner: 'group:default/platform',
    });
    await client.listTemplates({ q: '', type: undefined, engine: 'redis' });

    expect(Object.fromEntries(urls[0].searchParams)).toEqual({
      q: 'postgres & co',
      type: 'database',
      engine: 'postgresql',
      lifecycle: 'deprecated',
      owner: 'group:default/platform',
    });
    expect(urls[1].search).toBe('?engine=redis');
  });

  it('fetches one template by encoded namespace and name, and rethrows a 404', async () => {
    const paths: string[] = [];
    const details = makeTemplateDetails(postgresqlTemplate);
    server.use(
      http.get(
        `${baseUrl}/templates/:namespace/:name`,
        ({ request, params }) => {
          paths.push(new URL(request.url).pathname);
          return params.name === 'postgresql'
            ? HttpResponse.json(details)
            : errorBody(
                404,
                'NotFoundError',
                'No service template default/nope',
              );
        },
      ),
    );

    await expect(client.getTemplate('default', 'postgresql')).resolves.toEqual(
      details,
    );
    const error = await client.getTemplate('my ns', 'nope').catch(e => e);

    expect(paths).toEqual([
      '/api/environments/templates/default/postgresql',
      '/api/environments/templates/my%20ns/nope',
    ]);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(404);
  });

  it('adds a service: a dry run answers the rendered service, a real one the operation', async () => {
    const service = {
      name: 'orders-db',
      kind: 'database',
      ports: [],
      resources: { cpu: '500m', memory: '1Gi' },
      replicas: 1,
      customDomains: [],
      variables: [],
    };
    const requests = capturePosts(body =>
      body.dryRun
        ? HttpResponse.json({ service })
        : HttpResponse.json(
            {
              environment: makeEnvironment({ name: 'shop dev' }),
              operation: makeOperation({ id: 'op-add', type: 'update' }),
            },
            { status: 202 },
          ),
    );
    const request = {
      template: 'servicetemplate:default/postgresql',
      name: 'orders-db',
      parameters: { version: '15' },
    };

    const preview = await client.addService('shop dev', {
      ...request,
      dryRun: true,
    });
    const accepted = await client.addService('shop dev', request, {
      idempotencyKey: 'key-9',
    });

    expect(preview).toEqual({ service });
    expect(accepted.operation.id).toBe('op-add');
    expect(requests.map(r => [r.path, r.body])).toEqual([
      [
        '/api/environments/environments/shop%20dev/services',
        { ...request, dryRun: true },
      ],
      ['/api/environments/environments/shop%20dev/services', request],
    ]);
    expect(requests[0].headers.get('content-type')).toBe('application/json');
    expect(requests[0].headers.has('idempotency-key')).toBe(false);
    expect(requests[1].headers.get('idempotency-key')).toBe('key-9');
  });

  it('rethrows the 400 of addService with the message naming the field', async () => {
    capturePosts(() =>
      errorBody(
        400,
        'InputError',
        'parameters.version: must be one of "14", "15", "16"',
      ),
    );

    const error = await client
      .addService('shop-dev', {
        template: 'servicetemplate:default/postgresql',
        name: 'db',
        parameters: { version: '17' },
        dryRun: true,
      })
      .catch(e => e);

    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(400);
    expect(error.body.error.message).toBe(
      'parameters.version: must be one of "14", "15", "16"',
    );
  });

  it('lists the template upgrades of an environment', async () => {
    const items = [
      {
        service: 'orders-db',
        template: 'servicetemplate:default/postgresql',
        version: '1.2.0',
        status: 'deprecated',
        latest: '2.0.0',
      },
    ];
    const paths: string[] = [];
    server.use(
      http.get(
        `${baseUrl}/environments/:name/template-upgrades`,
        ({ request }) => {
          paths.push(new URL(request.url).pathname);
          return HttpResponse.json({ items });
        },
      ),
    );

    await expect(client.listTemplateUpgrades('shop-dev')).resolves.toEqual({
      items,
    });
    expect(paths).toEqual([
      '/api/environments/environments/shop-dev/template-upgrades',
    ]);
  });

  it('upgrades a service: the dry run answers the changes, the real one the operation', async () => {
    const plan = {
      service: 'orders-db',
      from: '1.2.0',
      to: '2.0.0',
      changes: [{ path: 'resources.memory', before: '512Mi', after: '1Gi' }],
    };
    const requests = capturePosts(body =>
      body.dryRun
        ? HttpResponse.json(plan)
        : HttpResponse.json(
            { operation: makeOperation({ id: 'op-up', type: 'update' }) },
            { status: 202 },
          ),
    );

    await expect(
      client.upgradeService('shop-dev', 'orders db', { dryRun: true }),
    ).resolves.toEqual(plan);
    const accepted = await client.upgradeService('shop-dev', 'orders db');

    expect(accepted.operation.id).toBe('op-up');
    expect(requests.map(r => [r.path, r.body])).toEqual([
      [
        '/api/environments/environments/shop-dev/services/orders%20db/upgrade',
        { dryRun: true },
      ],
      [
        '/api/environments/environments/shop-dev/services/orders%20db/upgrade',
        {},
      ],
    ]);
  });

  it('rethrows the 409 of an upgrade when nothing newer exists', async () => {
    capturePosts(() =>
      errorBody(409, 'ConflictError', 'orders-db already uses 2.0.0'),
    );

    const error = await client
      .upgradeService('shop-dev', 'orders-db', { dryRun: true })
      .catch(e => e);

    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(409);
  });
});
