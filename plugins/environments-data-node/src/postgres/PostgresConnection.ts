/** How to reach one PostgreSQL database. @public */
export interface PostgresConnection {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
}

/**
 * The standard `PG*` variables of a connection, which `psql` and `pg_dump`
 * read: the password never appears on a command line.
 */
export function postgresEnv(
  connection: PostgresConnection,
): Record<string, string> {
  return {
    PGHOST: connection.host,
    PGPORT: String(connection.port),
    PGUSER: connection.user,
    PGPASSWORD: connection.password,
    PGDATABASE: connection.database,
  };
}
