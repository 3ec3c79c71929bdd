import {
  TestDatabaseId,
  TestDatabases,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import fs from 'node:fs';
import path from 'node:path';
import knexFactory, { type Knex } from 'knex';
import request from 'supertest';
import { parse as parseYaml } from 'yaml';
import { waitFor } from '../engine/testing/waitFor';
import { environmentsPlugin } from '../plugin';
import {
  LocalPostgresServer,
  localDatabaseName,
} from '../runtimes/LocalPostgresServer';
import { TemplateStore } from '../templates/TemplateStore';

jest.setTimeout(180_000);

const API = '/api/environments';
const EXAMPLES = path.resolve(__dirname, '../../../../examples');
/** The test cluster's server: the local runtime's databases go there too. */
const POSTGRES =
  process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;
const PG_BIN = process.env.GREENROOM_PG_BIN ?? '/usr/lib/postgresql/15/bin';

const readYaml = (file: string) =>
  parseYaml(fs.readFileSync(path.join(EXAMPLES, file), 'utf8'));
const demo: Record<string, any>[] = readYaml('environments.yaml').environments;
const demoEnvironment = (name: string) =>
  structuredClone(demo.find(e => e.name === name)!);
const postgresTemplate = readYaml('service-templates/postgresql.yaml');

function configWith(environments: object = {}) {
  return {
    environments: {
      secretsKey: 'test-secrets-key-that-is-long-enough',
      localRuntime: { delayMs: 10 },
      // The demo's production serves shop.example.com.
      limits: { customDomainSuffixes: ['example.com'] },
      ...environments,
    },
  };
}

async function startBackend(knex: Knex, config: object) {
  const { server } = await startTestBackend({
    features: [
      environmentsPlugin,
      mockServices.database.factory({ knex }),
      mockServices.rootConfig.factory({ data: config }),
    ],
  });
  return server;
}

async function settledOperation(server: any, id: string) {
  return waitFor(async () => {
    const { body } = await request(server).get(`${API}/operations/${id}`);
    return body.status === 'succeeded' || body.status === 'failed'
      ? body
      : undefined;
  }, 60_000);
}

describe('copies and seeds where the local runtime has no database server', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  it.each(databases.eachSupportedId())(
    'are refused with a 400 naming the field, and nothing is stored, on %p',
    async databaseId => {
      const server = await startBackend(
        await databases.init(databaseId),
        configWith(),
      );
      const created = await request(server)
        .post(`${API}/environments`)
        .send(demoEnvironment('staging'));
      expect(created.status).toBe(202);

      const copy = await request(server)
        .post(`${API}/environments/staging/clone`)
        .send({ name: 'dev-copy', mode: 'development', dataPolicy: 'copy' });
      expect(copy.status).toBe(400);
      expect(copy.body.error.message).toBe(
        'dataPolicy: cannot copy orders-db: the local runtime cannot load data into databases (configure environments.local.databases.postgresql to give it a database server)',
      );
      const seed = await request(server)
        .post(`${API}/environments/staging/clone`)
        .send({
          name: 'dev-seed',
          mode: 'development',
          data: { 'orders-db': { policy: 'seed' } },
          dryRun: true,
        });
      expect(seed.status).toBe(400);
      expect(seed.body.error.message).toMatch(
        /^data\.orders-db\.policy: cannot seed orders-db: the local runtime cannot load data/,
      );
      const listed = await request(server).get(`${API}/environments`);
      expect(listed.body.totalCount).toBe(1);

      // Empty databases need nothing of the runtime.
      const empty = await request(server)
        .post(`${API}/environments/staging/clone`)
        .send({ name: 'dev-empty', mode: 'development' });
      expect(empty.status).toBe(202);
    },
  );
});

// Needs the test PostgreSQL server (`bash scripts/greenroom.sh test` starts
// one); without it these are reported as skipped.
(POSTGRES ? describe : describe.skip)(
  'data copies and seeds on the local runtime with a database server',
  () => {
    const databases = TestDatabases.create({
      ids: ['POSTGRES_15', 'SQLITE_3'],
    });
    const server = new LocalPostgresServer({
      connection: POSTGRES ?? 'postgresql://skipped',
    });
    const used = ['staging', 'production', 'dev-copy', 'dev-seed', 'dev-img'];
    const clients: Knex[] = [];

    const dropAll = () =>
      Promise.all(
        used.map(env => server.drop(localDatabaseName(env, 'orders-db'))),
      );
    beforeEach(dropAll);
    afterEach(async () => {
      await Promise.all(clients.splice(0).map(c => c.destroy()));
      await dropAll();
    });

    /** The local runtime's database of `orders-db` in an environment. */
    function ordersDb(environment: string): Knex {
      const client = knexFactory({
        client: 'pg',
        connection: server.connection(
          localDatabaseName(environment, 'orders-db'),
        ),
        pool: { min: 0, max: 1 },
      });
      clients.push(client);
      return client;
    }

    async function start(databaseId: TestDatabaseId) {
      const knex = await databases.init(databaseId);
      const backend = await startBackend(
        knex,
        configWith({
          local: {
            databases: {
              postgresql: { connection: POSTGRES, binDir: PG_BIN },
            },
          },
        }),
      );
      // As the catalog would have recorded it: the source's orders-db was
      // made from this version, whose data rules mark the customers' columns.
      await new TemplateStore(knex).recordVersions([
        {
          templateRef: 'servicetemplate:default/postgresql',
          version: postgresTemplate.spec.version,
          lifecycle: 'production',
          spec: postgresTemplate.spec,
        },
      ]);
      return backend;
    }

    async function createDemo(backend: any, name: string, change?: any) {
      const environment = demoEnvironment(name);
      change?.(environment);
      const res = await request(backend)
        .post(`${API}/environments`)
        .send(environment);
      expect(res.body.error?.message).toBeUndefined();
      expect(res.status).toBe(202);
      const op = await settledOperation(backend, res.body.operation.id);
      expect(op).toMatchObject({ status: 'succeeded' });
    }

    const customers = Array.from({ length: 10 }, (_, i) => ({
      email: `person${i}@real-mail.example`,
      name: `Real Person ${i}`,
      phone: `+49 30 5550 ${1000 + i}`,
    }));

    /** Staging's database: 10 customers, 25 recent and 15 old orders. */
    async function fillStaging() {
      const db = ordersDb('staging');
      await db.schema.createTable('customers', t => {
        t.increments('id');
        t.text('email').notNullable().unique();
        t.text('name').notNullable();
        t.text('phone');
      });
      await db.schema.createTable('orders', t => {
        t.increments('id');
        t.integer('customer_id').notNullable().references('customers.id');
        t.integer('total_cents').notNullable();
        t.timestamp('created_at', { useTz: true }).notNullable();
      });
      await db('customers').insert(customers);
      const day = 24 * 60 * 60 * 1000;
      await db('orders').insert(
        Array.from({ length: 40 }, (_, i) => ({
          customer_id: 1 + (i % 10),
          total_cents: 100 * i,
          created_at: new Date(Date.now() - (i < 25 ? i : 200) * day),
        })),
      );
    }

    it.each(databases.eachSupportedId())(
      'copies staging into a clone anonymised and subset, with the counts in the step, on %p',
      async databaseId => {
        const backend = await start(databaseId);
        await createDemo(backend, 'staging');
        await fillStaging();

        const res = await request(backend)
          .post(`${API}/environments/staging/clone`)
          .send({ name: 'dev-copy', mode: 'development', dataPolicy: 'copy' });
        expect(res.status).toBe(202);
        expect(res.body.operation.steps.map((s: any) => s.name)).toEqual([
          'resolve',
          'apply',
          'data',
          'observe',
        ]);
        const op = await settledOperation(backend, res.body.operation.id);
        expect(op.error).toBeUndefined();
        expect(op.steps[2].message).toBe('orders-db: 35 rows in 2 tables');

        const clone = ordersDb('dev-copy');
        const orders = await clone('orders').select();
        expect(orders).toHaveLength(25);
        const copied = await clone('customers').select();
        expect(copied).toHaveLength(10);
        const original = new Set(customers.flatMap(c => Object.values(c)));
        for (const row of copied) {
          expect(original.has(row.email)).toBe(false);
          expect(original.has(row.name)).toBe(false);
          expect(original.has(row.phone)).toBe(false);
          expect(row.email).toMatch(/^user-[0-9a-f]{16}@example\.invalid$/);
        }
        // Staging itself is untouched.
        expect(await ordersDb('staging')('orders').count({ n: '*' })).toEqual([
          { n: '40' },
        ]);
      },
    );

    it.each(databases.eachSupportedId())(
      'refuses a copy out of production with an unruled sensitive column, storing nothing, on %p',
      async databaseId => {
        const backend = await start(databaseId);
        await createDemo(backend, 'production', (env: any) => {
          const db = env.services.find((s: any) => s.name === 'orders-db');
          db.database.data.sensitive.push('customers.birthday');
        });

        const res = await request(backend)
          .post(`${API}/environments/production/clone`)
          .send({ name: 'dev-copy', mode: 'development', dataPolicy: 'copy' });
        expect(res.status).toBe(400);
        expect(res.body.error.message).toBe(
          "dataPolicy: cannot copy orders-db out of production environment 'production': sensitive column customers.birthday has no rule (add one to the service's database.data.rules)",
        );
        expect(
          (await request(backend).get(`${API}/environments/dev-copy`)).status,
        ).toBe(404);
        expect(
          await server.exists(localDatabaseName('dev-copy', 'orders-db')),
        ).toBe(false);
      },
    );

    it.each(databases.eachSupportedId())(
      "seeds a clone with the service's SQL seed, and refuses an image seed when it runs, on %p",
      async databaseId => {
        const backend = await start(databaseId);
        await createDemo(backend, 'staging');

        const seeded = await request(backend)
          .post(`${API}/environments/staging/clone`)
          .send({ name: 'dev-seed', mode: 'development', dataPolicy: 'seed' });
        expect(seeded.status).toBe(202);
        const op = await settledOperation(backend, seeded.body.operation.id);
        expect(op.error).toBeUndefined();
        expect(op.steps[2].message).toBe('orders-db: seeded');
        const db = ordersDb('dev-seed');
        expect(await db('customers').count({ n: '*' })).toEqual([{ n: '2' }]);
        expect(await db('orders').count({ n: '*' })).toEqual([{ n: '20' }]);

        const image = await request(backend)
          .post(`${API}/environments/staging/clone`)
          .send({
            name: 'dev-img',
            mode: 'development',
            data: {
              'orders-db': {
                policy: 'seed',
                seed: { image: 'ghcr.io/example/seed:1' },
              },
            },
          });
        expect(image.status).toBe(202);
        const failed = await settledOperation(backend, image.body.operation.id);
        expect(failed.error).toBe(
          'Step data failed: orders-db: the local runtime runs no containers, so it cannot run the seed image ghcr.io/example/seed:1 of orders-db; give it an SQL seed instead',
        );
        const env = await request(backend).get(`${API}/environments/dev-img`);
        expect(env.body.attention).toContainEqual({
          item: 'data:orders-db',
          reason: expect.stringContaining('orders-db was left empty'),
        });
      },
    );
  },
);
