import type { Config } from '@backstage/config';

/** A PostgreSQL server the `local` runtime makes its databases on. */
export interface LocalPostgresConfig {
  /** `postgresql://user:password@host:port/database` of a user that may create databases. Secret. */
  connection: string;
  /** Where `pg_dump` and `psql` are; the PATH when not set. */
  binDir?: string;
}

const KEY = 'environments.local.databases.postgresql';

/**
 * `environments.local.databases.postgresql`: without it the local runtime
 * simulates its databases (and cannot copy or seed them).
 */
export function readLocalPostgres(
  config: Config,
): LocalPostgresConfig | undefined {
  const postgres = config.getOptionalConfig(KEY);
  if (!postgres) return undefined;
  const connection = postgres.getString('connection');
  let url: URL;
  try {
    url = new URL(connection);
  } catch {
    url = new URL('invalid:');
  }
  if (url.protocol !== 'postgresql:' && url.protocol !== 'postgres:') {
    // The value is a secret: the message never repeats it.
    throw new Error(
      `${KEY}.connection: must be a postgresql://user:password@host:port/database URL`,
    );
  }
  const binDir = postgres.getOptionalString('binDir');
  return { connection, ...(binDir && { binDir }) };
}
