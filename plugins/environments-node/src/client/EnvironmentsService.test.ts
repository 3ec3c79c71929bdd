import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { DefaultEnvironmentsService } from './EnvironmentsService';

describe('DefaultEnvironmentsService', () => {
  let server: http.Server;
  let baseUrl: string;
  const seen: Array<{
    method?: string;
    url?: string;
    headers: http.IncomingHttpHeaders;
    body: string;
  }> = [];

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', c => (body += c));
      req.on('end', () => {
        seen.push({
          method: req.method,
          url: req.url,
          headers: req.headers,
          body,
        });
        res.setHeader('content-type', 'application/json');
        if (req.headers['idempotency-key'] === 'done-before') {
          res.setHeader('idempotent-replayed', 'true');
        }
        if (req.url === '/api/environments/environments/missing') {
          res.statusCode = 404;
          res.end(
            JSON.stringify({
              error: { name: 'NotFoundError', message: 'No environment' },
            }),
          );
        } else if (
          req.url?.startsWith('/api/environments/environments/locked')
        ) {
          res.statusCode = 409;
          res.end(
            JSON.stringify({
              error: { name: 'ConflictError', message: 'stale revision' },
              response: { statusCode: 409 },
            }),
          );
        } else if (req.url?.endsWith('/services')) {
          const request = JSON.parse(body);
          if (request.name === 'db' && req.url.includes('/dev-ada/')) {
            res.statusCode = 400;
            res.end(
              JSON.stringify({
                error: {
                  name: 'InputError',
                  message: 'name: a service named "db" already exists',
                },
                response: { statusCode: 400 },
              }),
            );
          } else if (request.dryRun) {
            res.end(
              JSON.stringify({
                service: { name: request.name, kind: 'database' },
              }),
            );
          } else {
            res.statusCode = 202;
            res.end(
              JSON.stringify({
                environment: { name: 'dev-ada' },
                operation: { id: 'op-3', type: 'update' },
              }),
            );
          }
        } else if (req.url?.endsWith('/clone') && JSON.parse(body).dryRun) {
          res.end(
            JSON.stringify({
              input: { name: 'dev-ada' },
              attention: [],
              data: [],
              diff: [],
            }),
          );
        } else if (req.url?.endsWith('/clone')) {
          res.statusCode = 202;
          res.end(JSON.stringify({ operation: { id: 'op-2', type: 'clone' } }));
        } else if (req.method === 'GET') {
          res.end(JSON.stringify({ items: [], totalCount: 0 }));
        } else {
          res.statusCode = 202;
          res.end(JSON.stringify({ operation: { id: 'op-1', type: 'stop' } }));
        }
      });
    });
    await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
    baseUrl = `http://127.0.0.1:${
      (server.address() as AddressInfo).port
    }/api/environments`;
  });
  afterAll(() => new Promise(r => server.close(r)));
  beforeEach(() => (seen.length = 0));

  const client = () =>
    new DefaultEnvironmentsService({
      auth: mockServices.auth(),
      discovery: {
        getBaseUrl: async () => baseUrl,
        getExternalBaseUrl: async () => baseUrl,
      },
    });
  const credentials = mockCredentials.user('user:default/ada');

  it('calls on behalf of the user with query, idempotency and revision headers', async () => {
    await client().listEnvironments(
      { mode: 'development', limit: 10, q: undefined },
      { credentials },
    );
    expect(seen[0].url).toBe(
      '/api/environments/environments?mode=development&limit=10',
    );
    expect(seen[0].headers.authorization).toBe(
      mockCredentials.service.header({
        onBehalfOf: credentials,
        targetPluginId: 'environments',
      }),
    );

    await client().lifecycle('dev-ada', 'extend', {
      credentials,
      by: '2d',
      idempotencyKey: 'task-1',
      expectedRevision: 3,
    });
    expect(seen[1]).toMatchObject({
      method: 'POST',
      url: '/api/environments/environments/dev-ada/extend',
      body: '{"by":"2d"}',
    });
    expect(seen[1].headers['idempotency-key']).toBe('task-1');
    expect(seen[1].headers['if-match']).toBe('3');

    await client().lifecycle('dev-ada', 'destroy', { credentials });
    expect(seen[2]).toMatchObject({
      method: 'DELETE',
      url: '/api/environments/environments/dev-ada',
    });

    await client().lifecycle('dev-ada', 'extend', {
      credentials,
      by: '3d',
      renew: true,
    });
    expect(seen[3]).toMatchObject({
      url: '/api/environments/environments/dev-ada/extend',
      body: '{"by":"3d","renew":true}',
    });
  });

  it('clones as the user with an idempotency key, or plans a dry run', async () => {
    const result = await client().cloneEnvironment(
      'staging',
      { name: 'dev-ada', mode: 'development', services: ['web'] },
      { credentials, idempotencyKey: 'scaffolder:t1:clone:dev-ada' },
    );
    expect(result.operation).toEqual({ id: 'op-2', type: 'clone' });
    expect(seen[0]).toMatchObject({
      method: 'POST',
      url: '/api/environments/environments/staging/clone',
      body: '{"name":"dev-ada","mode":"development","services":["web"]}',
    });
    expect(seen[0].headers['idempotency-key']).toBe(
      'scaffolder:t1:clone:dev-ada',
    );
    expect(seen[0].headers['content-type']).toBe('application/json');

    const plan = await client().cloneEnvironment(
      'staging',
      { name: 'dev-ada', mode: 'development', dryRun: true },
      { credentials },
    );
    expect(plan.diff).toEqual([]);

    await expect(
      client().cloneEnvironment(
        'locked',
        { name: 'x', mode: 'development' },
        { credentials },
      ),
    ).rejects.toMatchObject({ name: 'ResponseError', statusCode: 409 });
  });

  it('adds a service from a template as the user, or renders it in a dry run', async () => {
    const body = {
      template: 'servicetemplate:default/postgresql',
      name: 'orders-db',
      parameters: { version: '16' },
    };
    const result = await client().addService('dev-ada', body, {
      credentials,
      idempotencyKey: 'scaffolder:t1:add-service:orders-db',
    });
    expect(result).toEqual({
      environment: { name: 'dev-ada' },
      operation: { id: 'op-3', type: 'update' },
    });
    expect(seen[0]).toMatchObject({
      method: 'POST',
      url: '/api/environments/environments/dev-ada/services',
      body: JSON.stringify(body),
    });
    expect(seen[0].headers['idempotency-key']).toBe(
      'scaffolder:t1:add-service:orders-db',
    );
    expect(seen[0].headers.authorization).toBe(
      mockCredentials.service.header({
        onBehalfOf: credentials,
        targetPluginId: 'environments',
      }),
    );

    const rendered = await client().addService(
      'dev-ada',
      { ...body, dryRun: true },
      { credentials },
    );
    expect(rendered.service).toEqual({ name: 'orders-db', kind: 'database' });
    expect(JSON.parse(seen[1].body).dryRun).toBe(true);
  });

  it('surfaces the backend message of a refused service', async () => {
    await expect(
      client().addService(
        'dev-ada',
        {
          template: 'servicetemplate:default/redis',
          name: 'db',
          parameters: {},
        },
        { credentials },
      ),
    ).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 400,
      cause: {
        name: 'InputError',
        message: 'name: a service named "db" already exists',
      },
    });
  });

  it('patches an environment and returns the update operation when one is queued', async () => {
    const result = await client().updateEnvironment(
      'dev-ada',
      { title: 'Ada' },
      { credentials, expectedRevision: 2 },
    );
    expect(seen[0]).toMatchObject({
      method: 'PATCH',
      url: '/api/environments/environments/dev-ada',
      body: '{"title":"Ada"}',
    });
    expect(seen[0].headers['if-match']).toBe('2');
    expect(result.operation).toMatchObject({ id: 'op-1' });
  });

  it('says when the API answered with a replay of an earlier request', async () => {
    const stop = (idempotencyKey: string) =>
      client().lifecycle('dev-ada', 'stop', { credentials, idempotencyKey });
    await expect(stop('done-before')).resolves.toEqual({
      operation: { id: 'op-1', type: 'stop' },
      replayed: true,
    });
    await expect(stop('new')).resolves.toEqual({
      operation: { id: 'op-1', type: 'stop' },
    });
    const update = await client().updateEnvironment(
      'dev-ada',
      { services: [] },
      { credentials, idempotencyKey: 'done-before' },
    );
    expect(update.replayed).toBe(true);
    const clone = await client().cloneEnvironment(
      'staging',
      { name: 'dev-ada', mode: 'development' },
      { credentials, idempotencyKey: 'done-before' },
    );
    expect(clone).toEqual({
      operation: { id: 'op-2', type: 'clone' },
      replayed: true,
    });
  });

  it('returns undefined for a missing environment and throws other errors', async () => {
    await expect(
      client().getEnvironment('missing', { credentials }),
    ).resolves.toBeUndefined();
    await expect(
      client().lifecycle('locked', 'stop', { credentials }),
    ).rejects.toMatchObject({ name: 'ResponseError', statusCode: 409 });
  });
});
