import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';

const migrationsDir = resolvePackagePath(
  '@greenroom/plugin-environments-backend',
  'migrations',
);

/**
 * The plugin's database client, migrated to the latest schema unless the
 * database service (`backend.database.skipMigrations`) or the caller says
 * to skip migrations.
 */
export async function migrateDatabase(
  database: DatabaseService,
  options: { skip?: boolean } = {},
): Promise<Knex> {
  const db = await database.getClient();
  if (!database.migrations?.skip && !options.skip) {
    await db.migrate.latest({ directory: migrationsDir });
  }
  return db;
}
