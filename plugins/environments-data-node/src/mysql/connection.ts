/** How to reach one MySQL database. @public */
export interface MysqlConnection {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
}

/**
 * The variables the MySQL dump and restore scripts read their connection
 * from. Holds the password: a job passes it from a Secret.
 *
 * @public
 */
export function mysqlConnectionEnv(
  connection: MysqlConnection,
): Record<string, string> {
  return {
    MYSQL_HOST: connection.host,
    MYSQL_PORT: String(connection.port),
    MYSQL_USER: connection.user,
    MYSQL_PASSWORD: connection.password,
    MYSQL_DATABASE: connection.database,
  };
}
