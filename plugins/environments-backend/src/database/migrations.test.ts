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
});
