import {
  DATABASE_DEFAULT_PORTS,
  builtinVariablePrefix,
  type ResolvedVariable,
  type Service,
} from '@greenroom/plugin-environments-common';
import { secretEnv } from './configuration';
import { valueOf } from './variables';

type Engine = NonNullable<Service['database']>['engine'];

/** Official images per engine; the version is the image tag. */
const ENGINES: Record<Engine, { image: string; dataPath: string }> = {
  postgresql: { image: 'postgres', dataPath: '/var/lib/postgresql/data' },
  mysql: { image: 'mysql', dataPath: '/var/lib/mysql' },
  redis: { image: 'redis', dataPath: '/data' },
  mongodb: { image: 'mongo', dataPath: '/data/db' },
};

/** Key of a database's password (after its service's name) in the environment's Secret. */
export const DATABASE_PASSWORD_KEY = 'password';

export interface DatabaseContainer {
  image: string;
  port: number;
  dataPath: string;
  env: Array<Record<string, unknown>>;
  args?: string[];
  /** The password, for the environment's Secret only; absent when none was set. */
  password?: string;
  storage: string;
}

/**
 * How a container database runs: image by engine and version, the engine's
 * own environment variables fed from the resolved built-ins, and the password
 * only by reference to the environment's Secret, never as a literal value.
 */
export function databaseContainer(
  service: Service,
  variables: ReadonlyArray<ResolvedVariable> | undefined,
): DatabaseContainer {
  const database = service.database!;
  const engine = ENGINES[database.engine];
  const prefix = builtinVariablePrefix(service.name);
  const username = valueOf(variables, `${prefix}USERNAME`);
  const dbName = valueOf(variables, `${prefix}DATABASE`);
  const password = valueOf(variables, `${prefix}PASSWORD`);
  const fromSecret = (name: string) =>
    secretEnv(service.name, name, DATABASE_PASSWORD_KEY);
  const env: Array<Record<string, unknown>> = [];
  let args: string[] | undefined;
  switch (database.engine) {
    case 'postgresql':
      // A subdirectory, because a fresh volume's root holds lost+found.
      env.push({ name: 'PGDATA', value: `${engine.dataPath}/pgdata` });
      if (username) env.push({ name: 'POSTGRES_USER', value: username });
      if (dbName) env.push({ name: 'POSTGRES_DB', value: dbName });
      if (password) {
        env.push(fromSecret('POSTGRES_PASSWORD'));
      } else {
        // No password was provided: a demo database without auth.
        env.push({ name: 'POSTGRES_HOST_AUTH_METHOD', value: 'trust' });
      }
      break;
    case 'mysql':
      if (dbName) env.push({ name: 'MYSQL_DATABASE', value: dbName });
      if (password) {
        env.push(fromSecret('MYSQL_ROOT_PASSWORD'));
        // MySQL refuses MYSQL_USER=root; other users get the same password.
        if (username && username !== 'root') {
          env.push({ name: 'MYSQL_USER', value: username });
          env.push(fromSecret('MYSQL_PASSWORD'));
        }
      } else {
        env.push({ name: 'MYSQL_ALLOW_EMPTY_PASSWORD', value: 'yes' });
      }
      break;
    case 'redis':
      if (password) {
        env.push(fromSecret('REDIS_PASSWORD'));
        args = ['--requirepass', '$(REDIS_PASSWORD)'];
      }
      break;
    case 'mongodb':
      if (dbName) env.push({ name: 'MONGO_INITDB_DATABASE', value: dbName });
      if (password && username) {
        env.push({ name: 'MONGO_INITDB_ROOT_USERNAME', value: username });
        env.push(fromSecret('MONGO_INITDB_ROOT_PASSWORD'));
      }
      break;
    default:
      break;
  }
  return {
    image: service.image
      ? `${service.image.repository}:${service.image.tag ?? database.version}`
      : `${engine.image}:${database.version}`,
    port: service.ports[0]?.port ?? DATABASE_DEFAULT_PORTS[database.engine],
    dataPath: engine.dataPath,
    env,
    args,
    password,
    storage:
      service.resources.storage ??
      (database.storageGb ? `${database.storageGb}Gi` : '1Gi'),
  };
}
