import { randomBytes } from 'node:crypto';
import { TestDatabases } from '@backstage/backend-test-utils';
import request from 'supertest';
import { loggedText } from '@greenroom/plugin-environments-node/testUtils';
import { environmentsApiSpec as spec } from '@greenroom/plugin-environments-common';
import { API, startPlugin, waitIdle } from './__testUtils__/harness';

jest.setTimeout(120_000);

// Small version of soak check 5: a secret value never leaves the database,
// where it is stored encrypted: not in any GET answer, not in any log line.
describe('reliability: canary secret', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  it.each(databases.eachSupportedId())(
    'shows the canary in no GET answer, no log line and no plaintext column, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { server, logger } = await startPlugin(knex);
      const canary = `CANARY-${randomBytes(8).toString('hex')}`;
      const plain = `PLAIN-${randomBytes(8).toString('hex')}`;

      const created = await request(server)
        .post(`${API}/environments`)
        .send({
          name: 'canary-src',
          system: 'shop',
          owner: 'team-shop',
          mode: 'staging',
          services: [
            {
              name: 'api',
              kind: 'application',
              ports: [{ port: 8080, public: true }],
              variables: [{ key: 'API_TOKEN', kind: 'secret', value: canary }],
            },
            {
              name: 'db',
              kind: 'database',
              database: {
                engine: 'postgresql',
                version: '16',
                mode: 'container',
              },
            },
          ],
          variables: [
            { key: 'STRIPE_KEY', kind: 'secret', value: canary },
            { key: 'PAYMENT_KEY', kind: 'alias', aliasOf: 'STRIPE_KEY' },
            { key: 'PLAIN_MARKER', kind: 'value', value: plain },
          ],
        });
      expect(created.status).toBe(202);
      await waitIdle(knex);
      await request(server)
        .post(`${API}/environments/canary-src/clone`)
        .send({ name: 'canary-clone', mode: 'development' })
        .expect(202);
      await waitIdle(knex);
      await request(server)
        .put(`${API}/environments/canary-clone/variables/STRIPE_KEY`)
        .send({ kind: 'secret', value: canary })
        .expect(200);
      for (const action of ['stop', 'start']) {
        await request(server)
          .post(`${API}/environments/canary-clone/${action}`)
          .expect(202);
        await waitIdle(knex);
      }

      const operationIds = (
        await request(server).get(`${API}/environments/canary-clone/operations`)
      ).body.items.map((o: any) => o.id);
      const fills: Record<string, string[]> = {
        name: ['canary-src', 'canary-clone'],
        service: ['api', 'db'],
        id: [created.body.operation.id, ...operationIds],
        namespace: ['default'],
        templateName: ['redis'],
      };
      const urls = [`${API}/openapi.json`];
      for (const [path, item] of Object.entries(spec.paths)) {
        if (!('get' in item)) continue;
        let variants = [path];
        for (const [param, values] of Object.entries(fills)) {
          variants = variants.flatMap(v =>
            v.includes(`{${param}}`)
              ? values.map(x => v.replace(`{${param}}`, x))
              : [v],
          );
        }
        urls.push(...variants.map(v => `${API}${v}`));
      }
      let plainSeen = 0;
      for (const url of urls) {
        const res = await request(server).get(url);
        expect({ url, status: res.status < 500 }).toEqual({
          url,
          status: true,
        });
        expect({ url, leaked: res.text.includes(canary) }).toEqual({
          url,
          leaked: false,
        });
        if (res.text.includes(plain)) plainSeen++;
      }
      // The scan can find a value that is not secret.
      expect(plainSeen).toBeGreaterThan(0);

      const logged = loggedText(logger);
      expect(logged).toContain('canary-clone');
      expect(logged.includes(canary)).toBe(false);

      const tables = [
        'environments',
        'environment_services',
        'environment_variables',
        'operations',
        'database_credentials',
        'activity',
        'service_intervals',
      ];
      for (const table of tables) {
        const rows = JSON.stringify(await knex(table).select());
        expect({ table, leaked: rows.includes(canary) }).toEqual({
          table,
          leaked: false,
        });
      }
      const secrets = await knex('environment_variables').where({
        kind: 'secret',
      });
      expect(secrets).toHaveLength(3);
    },
  );
});
