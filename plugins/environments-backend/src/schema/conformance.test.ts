import { TestDatabases, mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import {
  API,
  seedStaging,
  startPlugin,
  waitIdle,
} from '../reliability/__testUtils__/harness';
import { expectConforming } from './__testUtils__/expectConforming';

jest.setTimeout(120_000);

// Every route answers what the spec documents: each answer below, success or
// error, is checked against the spec's schema for its route and status.
describe('conformance of the answers to the spec', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  it('fails an answer the spec does not document', () => {
    const ok = { status: 'ok', runtimes: ['local'] };
    const headers = { 'content-type': 'application/json; charset=utf-8' };
    expect(() =>
      expectConforming('get', '/health', { status: 200, body: ok, headers }),
    ).not.toThrow();
    expect(() =>
      expectConforming('get', '/health', { status: 404, body: ok, headers }),
    ).toThrow('GET /health answered 404, which the spec does not document');
    expect(() =>
      expectConforming('get', '/health', {
        status: 200,
        body: { ...ok, secret: 'x' },
        headers,
      }),
    ).toThrow('must NOT have additional properties');
    expect(() =>
      expectConforming('get', '/environments/{name}', {
        status: 200,
        body: { name: 'staging' },
        headers,
      }),
    ).toThrow("must have required property 'id'");
  });

  it.each(databases.eachSupportedId())(
    'answers every route as the spec says, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { server } = await startPlugin(knex);

      /** Calls a route by its path in the spec and checks the answer. */
      async function call(
        method: 'get' | 'post' | 'put' | 'patch' | 'delete',
        path: string,
        options: {
          params?: Record<string, string>;
          query?: Record<string, string>;
          body?: object;
          headers?: Record<string, string>;
        } = {},
      ) {
        const url = path.replace(/\{(\w+)\}/g, (_, p) =>
          encodeURIComponent(options.params![p]),
        );
        let req = request(server)[method](`${API}${url}`);
        if (options.query) req = req.query(options.query);
        for (const [name, value] of Object.entries(options.headers ?? {})) {
          req = req.set(name, value);
        }
        const answer = await (options.body ? req.send(options.body) : req);
        expectConforming(method, path, answer);
        return answer;
      }
      const staging = { params: { name: 'staging' } };

      expect((await call('get', '/health')).status).toBe(200);
      await seedStaging(server, knex);
      // A secret on the environment and on a service: answered as isSet.
      await call('put', '/environments/{name}/variables/{key}', {
        params: { name: 'staging', key: 'STRIPE_KEY' },
        body: { kind: 'secret', value: 'sk-1' },
      });
      await call(
        'put',
        '/environments/{name}/services/{service}/variables/{key}',
        {
          params: { name: 'staging', service: 'orders-api', key: 'API_TOKEN' },
          body: { kind: 'secret', value: 'token-1' },
        },
      );
      await call(
        'delete',
        '/environments/{name}/services/{service}/variables/{key}',
        {
          params: { name: 'staging', service: 'orders-api', key: 'API_TOKEN' },
        },
      );
      expect((await call('get', '/environments')).body.totalCount).toBe(1);
      await call('get', '/environments', {
        query: { mode: 'staging', sort: '-name' },
      });
      expect((await call('get', '/environments/{name}', staging)).status).toBe(
        200,
      );
      expect(
        (
          await call('patch', '/environments/{name}', {
            ...staging,
            body: { title: 'Staging' },
          })
        ).status,
      ).toBe(200);
      await call('get', '/environments/{name}/plan', staging);

      expect(
        (
          await call('post', '/environments/{name}/clone', {
            ...staging,
            body: { name: 'dev', mode: 'development', dryRun: true },
          })
        ).status,
      ).toBe(200);
      expect(
        (
          await call('post', '/environments/{name}/clone', {
            ...staging,
            body: { name: 'dev', mode: 'development', ttl: '2d' },
            headers: { 'idempotency-key': 'clone-dev' },
          })
        ).status,
      ).toBe(202);
      await waitIdle(knex);
      const replayed = await call('post', '/environments/{name}/clone', {
        ...staging,
        body: { name: 'dev', mode: 'development', ttl: '2d' },
        headers: { 'idempotency-key': 'clone-dev' },
      });
      expect(replayed.headers['idempotent-replayed']).toBe('true');
      const dev = { params: { name: 'dev' } };
      for (const action of ['stop', 'start'] as const) {
        await call('post', `/environments/{name}/${action}`, dev);
        await waitIdle(knex);
      }
      await call('post', '/environments/{name}/extend', {
        ...dev,
        body: { by: '1d' },
      });
      expect(
        (
          await call('post', '/environments/{name}/activity', {
            ...dev,
            body: { kind: 'ingress' },
          })
        ).status,
      ).toBe(204);

      await call('get', '/templates');
      await call('get', '/templates', { query: { type: 'cache' } });
      await call('get', '/templates/{namespace}/{templateName}', {
        params: { namespace: 'default', templateName: 'redis' },
      });
      const add = {
        template: 'servicetemplate:default/redis',
        name: 'cache',
        parameters: {},
      };
      expect(
        (
          await call('post', '/environments/{name}/services', {
            ...dev,
            body: { ...add, dryRun: true },
          })
        ).status,
      ).toBe(200);
      expect(
        (
          await call('post', '/environments/{name}/services', {
            ...dev,
            body: add,
          })
        ).status,
      ).toBe(202);
      await waitIdle(knex);
      await call('get', '/environments/{name}/template-upgrades', dev);
      // Already the latest version: a documented 409.
      expect(
        (
          await call(
            'post',
            '/environments/{name}/services/{service}/upgrade',
            {
              params: { name: 'dev', service: 'cache' },
              body: { dryRun: true },
            },
          )
        ).status,
      ).toBe(409);
      // Services sent back as read (secrets as isSet) redeploy: a 202.
      const current = await call('get', '/environments/{name}', dev);
      expect(
        (
          await call('patch', '/environments/{name}', {
            ...dev,
            body: { services: current.body.services },
          })
        ).status,
      ).toBe(202);
      await waitIdle(knex);

      const operations = await call(
        'get',
        '/environments/{name}/operations',
        dev,
      );
      await call('get', '/operations/{id}', {
        params: { id: operations.body.items[0].id },
      });
      await call('get', '/cost/summary');
      await call('get', '/cost/series', { query: { groupBy: 'mode' } });
      expect((await call('get', '/cost/export.csv')).text).toContain(
        'key,currency',
      );
      await call('post', '/environments/{name}/clone', {
        ...staging,
        body: { name: 'pr-1', mode: 'preview' },
      });
      expect(
        (await call('get', '/previews/quota')).body.systems[0],
      ).toMatchObject({ running: 1, previews: [{ name: 'pr-1' }] });

      // Errors, as documented.
      expect(
        (
          await call('get', '/environments/{name}', {
            params: { name: 'nope' },
          })
        ).status,
      ).toBe(404);
      expect(
        (await call('get', '/environments', { query: { limit: '0' } })).status,
      ).toBe(400);
      expect(
        (
          await call('post', '/environments/{name}/clone', {
            ...staging,
            body: { name: 'dev', mode: 'development' },
          })
        ).status,
      ).toBe(409);
      expect(
        (
          await call('post', '/environments/{name}/clone', {
            ...staging,
            body: { name: 'other', mode: 'development' },
            headers: { 'idempotency-key': 'clone-dev' },
          })
        ).status,
      ).toBe(422);
      expect(
        (
          await call('get', '/environments', {
            headers: { authorization: mockCredentials.user.invalidHeader() },
          })
        ).status,
      ).toBe(401);
      expect((await call('delete', '/environments/{name}', dev)).status).toBe(
        202,
      );
      await waitIdle(knex);
    },
  );
});
