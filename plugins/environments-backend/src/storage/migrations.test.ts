import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { SecretBox } from '../secrets/SecretBox';
import { DatabaseEnvironmentsStore } from './DatabaseEnvironmentsStore';

jest.setTimeout(60_000);

const migrationsDir = resolvePackagePath(
  '@greenroom/plugin-environments-backend',
  'migrations',
);

const TABLES = [
  'environments',
  'environment_services',
  'environment_variables',
  'operations',
  'activity',
  'service_intervals',
  'environment_custom_domains',
  'service_observations',
  'environment_observations',
];

async function existingTables(knex: Knex) {
  const exists = await Promise.all(
    TABLES.map(table => knex.schema.hasTable(table)),
  );
  return TABLES.filter((_, i) => exists[i]);
}

describe('migrations', () => {
  const databases = TestDatabases.create({
    ids: ['POSTGRES_15', 'SQLITE_3'],
  });

  it.each(databases.eachSupportedId())(
    'migrate up, all the way down and up again on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);

      await knex.migrate.latest({ directory: migrationsDir });
      expect(await existingTables(knex)).toEqual(TABLES);
      // the indexes that queries rely on exist under their names
      await knex('environments').insert({
        id: 'a',
        name: 'dup',
        title: '',
        system: 's',
        owner: 'o',
        mode: 'development',
        runtime_type: 'local',
        policy: '{}',
        desired_state: 'running',
        status: 'running',
        origin: '{}',
        attention: '[]',
        last_activity_at: 0,
        created_by: 'u',
        created_at: 0,
        updated_at: 0,
        revision: 1,
      });
      // Compare the message: better-sqlite3's native module is shared across
      // jest's per-file realms, so its errors fail `instanceof Error` there.
      const duplicate = await knex('environments')
        .insert({ ...(await knex('environments').first()), id: 'b' })
        .then(
          () => 'inserted',
          (error: Error) => error.message,
        );
      expect(duplicate).toMatch(/environments_name_uniq|environments\.name/);

      await knex.migrate.rollback({ directory: migrationsDir }, true);
      expect(await existingTables(knex)).toEqual([]);

      await knex.migrate.latest({ directory: migrationsDir });
      expect(await existingTables(knex)).toEqual(TABLES);
      const [{ n }] = await knex('environments').count({ n: '*' });
      expect(Number(n)).toBe(0);
    },
  );

  it.each(databases.eachSupportedId())(
    'adds and removes the request fingerprint and the lower(owner) index on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const name = '20261124093000_request_fingerprint.js';
      const hasIndex = async () => {
        const rows =
          knex.client.config.client === 'pg'
            ? (
                await knex.raw(
                  'SELECT indexname FROM pg_indexes WHERE indexname = ?',
                  ['environments_owner_lower_idx'],
                )
              ).rows
            : await knex.raw(
                "SELECT name FROM sqlite_master WHERE type = 'index' AND name = ?",
                ['environments_owner_lower_idx'],
              );
        return rows.length === 1;
      };
      const operation = {
        id: 'op-1',
        environment_id: 'env-1',
        environment_name: 'x',
        type: 'stop',
        status: 'queued',
        steps: '[]',
        checkpoints: '{}',
        idempotency_key: 'key-1',
        requested_by: 'user:default/guest',
        attempts: 0,
        created_at: 0,
        updated_at: 0,
      };

      await knex.migrate.latest({ directory: migrationsDir });
      expect(
        await knex.schema.hasColumn('operations', 'request_fingerprint'),
      ).toBe(true);
      expect(await hasIndex()).toBe(true);

      await knex.migrate.down({ directory: migrationsDir, name });
      expect(
        await knex.schema.hasColumn('operations', 'request_fingerprint'),
      ).toBe(false);
      expect(await hasIndex()).toBe(false);
      // An operation queued before the migration...
      await knex('operations').insert(operation);

      await knex.migrate.up({ directory: migrationsDir, name });
      // ...keeps its key, without a fingerprint, and the key stays unique.
      await expect(knex('operations').first()).resolves.toMatchObject({
        idempotency_key: 'key-1',
        request_fingerprint: null,
      });
      const duplicate = await knex('operations')
        .insert({ ...operation, id: 'op-2' })
        .then(
          () => 'inserted',
          (error: Error) => error.message,
        );
      expect(duplicate).toMatch(/operations_idempotency_uniq|operations\./);
      expect(await hasIndex()).toBe(true);
    },
  );

  it.each(databases.eachSupportedId())(
    'fills the custom domain holders from the services, the oldest environment keeping a duplicate, and drops them on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const name = '20261125090000_custom_domain_holders.js';
      await knex.migrate.latest({ directory: migrationsDir });
      await knex.migrate.down({ directory: migrationsDir, name });
      expect(await knex.schema.hasTable('environment_custom_domains')).toBe(
        false,
      );

      // Stored before hosts were unique: 'old' was created first.
      const environment = (id: string, createdAt: number) => ({
        id,
        name: id,
        title: id,
        system: 's',
        owner: 'o',
        mode: 'development',
        runtime_type: 'local',
        policy: '{}',
        desired_state: 'running',
        status: 'running',
        origin: '{}',
        attention: '[]',
        last_activity_at: 0,
        created_by: 'u',
        created_at: createdAt,
        updated_at: 0,
        revision: 1,
      });
      const service = (
        environmentId: string,
        serviceName: string,
        position: number,
        spec: object | string,
      ) => ({
        environment_id: environmentId,
        name: serviceName,
        position,
        kind: 'application',
        spec: typeof spec === 'string' ? spec : JSON.stringify(spec),
      });
      await knex('environments').insert([
        environment('new', 2000),
        environment('old', 1000),
      ]);
      await knex('environment_services').insert([
        service('new', 'web', 0, {
          customDomains: ['shop.example.com', 'new.example.com'],
        }),
        service('new', 'db', 1, { kind: 'database' }),
        service('old', 'web', 0, { customDomains: ['Shop.Example.com'] }),
        service('old', 'api', 1, { customDomains: ['shop.example.com'] }),
        service('old', 'broken', 2, 'not json'),
      ]);
      const warn = jest.spyOn(console, 'warn').mockImplementation(() => {});
      try {
        await knex.migrate.up({ directory: migrationsDir, name });
        expect(warn.mock.calls).toEqual([
          [
            "environments: custom domain 'shop.example.com' of service 'web' in environment 'new' is also used by environment 'old', created earlier, which keeps it; remove it from 'new'",
          ],
        ]);
      } finally {
        warn.mockRestore();
      }
      expect(
        await knex('environment_custom_domains')
          .select('host', 'environment_id', 'service')
          .orderBy('host'),
      ).toEqual([
        { host: 'new.example.com', environment_id: 'new', service: 'web' },
        { host: 'shop.example.com', environment_id: 'old', service: 'web' },
      ]);
      const duplicate = await knex('environment_custom_domains')
        .insert({
          host: 'new.example.com',
          environment_id: 'old',
          service: 'x',
        })
        .then(
          () => 'inserted',
          (error: Error) => error.message,
        );
      expect(duplicate).toMatch(
        /environment_custom_domains_pkey|environment_custom_domains\.host/,
      );

      await knex.migrate.down({ directory: migrationsDir, name });
      expect(await knex.schema.hasTable('environment_custom_domains')).toBe(
        false,
      );
      expect(await knex('environment_services')).toHaveLength(5);
    },
  );

  it.each(databases.eachSupportedId())(
    'lets the store migrate unless migrations are skipped on %p',
    async databaseId => {
      const secrets = new SecretBox('a-test-key-that-is-long-enough-for-aes');

      const skipped = await databases.init(databaseId);
      await DatabaseEnvironmentsStore.create({
        database: mockServices.database({
          knex: skipped,
          migrations: { skip: true },
        }),
        secrets,
      });
      await DatabaseEnvironmentsStore.create({
        database: mockServices.database({ knex: skipped }),
        secrets,
        skipMigrations: true,
      });
      expect(await existingTables(skipped)).toEqual([]);

      const migrated = await databases.init(databaseId);
      const store = await DatabaseEnvironmentsStore.create({
        database: mockServices.database({ knex: migrated }),
        secrets,
      });
      expect(await existingTables(migrated)).toEqual(TABLES);
      await expect(store.getEnvironment('x')).resolves.toBeUndefined();
    },
  );

  it('gives the list its page order from an index on PostgreSQL', async () => {
    if (!databases.eachSupportedId().some(([id]) => id === 'POSTGRES_15')) {
      return;
    }
    const knex = await databases.init('POSTGRES_15');
    await knex.migrate.latest({ directory: migrationsDir });
    // The store's first page (byte order of names) and a filtered page; with
    // sequential scans discouraged, the plan shows whether an index serves
    // the order (a handful of rows would otherwise be scanned anyway).
    const plan = async (sql: string) => {
      const rows = await knex.transaction(async tx => {
        await tx.raw('SET LOCAL enable_seqscan = off');
        return (await tx.raw(`EXPLAIN ${sql}`)).rows;
      });
      return rows
        .map((r: { 'QUERY PLAN': string }) => r['QUERY PLAN'])
        .join('\n');
    };
    expect(
      await plan(
        'SELECT * FROM environments ORDER BY name COLLATE "C" LIMIT 50',
      ),
    ).toMatch(/Index Scan using environments_name_bytes_idx/);
    const filtered = await plan(
      `SELECT * FROM environments WHERE status = 'running' ORDER BY last_activity_at, name COLLATE "C" LIMIT 50`,
    );
    expect(filtered).toMatch(/environments_status_activity_idx/);
    expect(filtered).not.toMatch(/Sort/);
  });

  it("finds today's ledger intervals through indexes on PostgreSQL", async () => {
    if (!databases.eachSupportedId().some(([id]) => id === 'POSTGRES_15')) {
      return;
    }
    const knex = await databases.init('POSTGRES_15');
    await knex.migrate.latest({ directory: migrationsDir });
    // A ledger of closed intervals over a month and a few open ones; the
    // filter of sumCostIntervalsBetween for the last day (everything started
    // before 'now', so only ended_at narrows it). Without the partial indexes
    // PostgreSQL scans the whole ledger.
    const day = 24 * 60 * 60 * 1000;
    await knex.raw(
      `INSERT INTO service_intervals (environment_id, service_name, state, started_at, ended_at, cpu_cores, memory_gb, storage_gb)
       SELECT 'env-' || (i % 100), 'api', 'running', i * 600000, CASE WHEN i % 200 = 0 THEN NULL ELSE i * 600000 + 300000 END, 1, 1, 0
       FROM generate_series(1::bigint, 4320) AS i`,
    );
    await knex.raw('ANALYZE service_intervals');
    const { rows } = await knex.raw(
      `EXPLAIN SELECT * FROM service_intervals WHERE started_at < ${
        31 * day
      } AND (ended_at IS NULL OR ended_at > ${29 * day})`,
    );
    const plan = rows
      .map((r: { 'QUERY PLAN': string }) => r['QUERY PLAN'])
      .join('\n');
    expect(plan).toMatch(/service_intervals_open_started_idx/);
    expect(plan).toMatch(/service_intervals_closed_ended_idx/);
    expect(plan).not.toMatch(/Seq Scan/);
  });
});
