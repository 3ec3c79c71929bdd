import { TestDatabases } from '@backstage/backend-test-utils';
import request from 'supertest';
import {
  API,
  seedStaging,
  startPlugin,
  waitIdle,
} from './__testUtils__/harness';

jest.setTimeout(120_000);

// Small version of soak check 2 (50 concurrent clones against the real backend)
// and of the orphan part of soak check 1.
describe('reliability: concurrent clones and leftovers', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  it.each(databases.eachSupportedId())(
    'answers 10 concurrent clones to one name with one 202 and nine 409, and makes one environment, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { server } = await startPlugin(knex);
      await seedStaging(server, knex);

      const responses = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          request(server)
            .post(`${API}/environments/staging/clone`)
            .set('Idempotency-Key', `distinct-${i}`)
            .send({ name: 'race', mode: 'development', dataPolicy: 'empty' }),
        ),
      );
      const statuses = responses.map(r => r.status).sort();
      expect(statuses).toEqual([202, ...Array(9).fill(409)]);
      for (const res of responses.filter(r => r.status === 409)) {
        expect(res.body.error.name).toBe('ConflictError');
      }

      await waitIdle(knex);
      const environments = await knex('environments').where({ name: 'race' });
      expect(environments).toHaveLength(1);
      expect(environments[0].status).toBe('running');
      const operations = await knex('operations').where({
        environment_name: 'race',
      });
      expect(operations.map(o => [o.type, o.status])).toEqual([
        ['clone', 'succeeded'],
      ]);
      const services = await knex('environment_services').where({
        environment_id: environments[0].id,
      });
      expect(services.map(s => s.name).sort()).toEqual([
        'orders-api',
        'orders-db',
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'answers 10 concurrent clones sharing one Idempotency-Key with the same operation, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { server } = await startPlugin(knex);
      await seedStaging(server, knex);

      const responses = await Promise.all(
        Array.from({ length: 10 }, () =>
          request(server)
            .post(`${API}/environments/staging/clone`)
            .set('Idempotency-Key', 'one-key')
            .send({ name: 'twin', mode: 'development' }),
        ),
      );
      expect(responses.map(r => r.status)).toEqual(Array(10).fill(202));
      expect(new Set(responses.map(r => r.body.operation.id)).size).toBe(1);
      await waitIdle(knex);
      expect(await knex('environments').where({ name: 'twin' })).toHaveLength(
        1,
      );
      expect(
        await knex('operations').where({ environment_name: 'twin' }),
      ).toHaveLength(1);
    },
  );

  it.each(databases.eachSupportedId())(
    'leaves no row of a destroyed environment behind but its history, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { server } = await startPlugin(knex);
      await seedStaging(server, knex);
      const cloned = await request(server)
        .post(`${API}/environments/staging/clone`)
        .send({ name: 'short-lived', mode: 'development' });
      expect(cloned.status).toBe(202);
      await waitIdle(knex);
      const id = cloned.body.environment.id;
      // The clone's database service got a generated password.
      expect(
        await knex('database_credentials').where({ environment_id: id }),
      ).toHaveLength(1);

      const destroyed = await request(server).delete(
        `${API}/environments/short-lived`,
      );
      expect(destroyed.status).toBe(202);
      await waitIdle(knex);

      for (const table of [
        'environments',
        'environment_services',
        'environment_variables',
        'database_credentials',
      ]) {
        const column = table === 'environments' ? 'id' : 'environment_id';
        expect({ table, rows: await knex(table).where(column, id) }).toEqual({
          table,
          rows: [],
        });
      }
      // History stays: the operations, and ledger intervals that are closed.
      const operations = await knex('operations').where({ environment_id: id });
      expect(operations.map(o => [o.type, o.status]).sort()).toEqual([
        ['clone', 'succeeded'],
        ['destroy', 'succeeded'],
      ]);
      expect(
        await knex('service_intervals')
          .where({ environment_id: id })
          .whereNull('ended_at'),
      ).toEqual([]);
    },
  );
});
