import { ResponseError } from '@backstage/errors';
import { mockApis, registerMswTestHooks } from '@backstage/frontend-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { makeEnvironment } from '../__testUtils__/environments';
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
});
