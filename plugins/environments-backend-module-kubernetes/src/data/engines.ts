import type {
  DataRules,
  DatabaseEngine,
} from '@greenroom/plugin-environments-common';
import {
  postgresDumpScript,
  postgresRestoreScript,
} from '@greenroom/plugin-environments-data-node';
import { RuntimeError } from '@greenroom/plugin-environments-node';
import type { DatabaseConnection } from './connections';

/** One entry of a container's `env`. */
export interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { secretKeyRef: { name: string; key: string } };
}

/**
 * What the data Jobs need of one engine. An engine that can be copied or
 * seeded adds its entry to {@link DATA_ENGINES}, and nothing else.
 */
export interface DataEngine {
  /** Its official client image, `{version}` standing for the database's version. */
  image: string;
  /** The scheme of the `DATABASE_URL` a seed image gets. */
  urlScheme: string;
  /** Points the engine's client tools at a database; the password only by reference. */
  clientEnv(
    connection: DatabaseConnection,
    password: EnvVar['valueFrom'] | undefined,
  ): EnvVar[];
  /** Added to the dump's environment: the source is only ever read. */
  readOnlyEnv: EnvVar[];
  /** The dump and restore scripts of a copy, for the client image's `sh`. */
  copyScripts(rules: DataRules): { dump: string; restore: string };
  /** A shell loop that returns once the database accepts connections. */
  waitUntilReady: string;
  /** Runs an SQL file against the database in one transaction, stopping at the first error. */
  runSqlFile(path: string): string[];
}

export const DATA_ENGINES: Partial<Record<DatabaseEngine, DataEngine>> = {
  postgresql: {
    image: 'postgres:{version}-alpine',
    urlScheme: 'postgresql',
    clientEnv: (connection, password) => [
      { name: 'PGHOST', value: connection.host },
      { name: 'PGPORT', value: String(connection.port) },
      { name: 'PGUSER', value: connection.user },
      { name: 'PGDATABASE', value: connection.database },
      ...(password ? [{ name: 'PGPASSWORD', valueFrom: password }] : []),
    ],
    readOnlyEnv: [
      { name: 'PGOPTIONS', value: '-c default_transaction_read_only=on' },
    ],
    // Built when a Job is rendered, never at load time.
    copyScripts: rules => ({
      dump: postgresDumpScript(rules),
      restore: postgresRestoreScript(),
    }),
    waitUntilReady: 'until pg_isready -q; do sleep 2; done',
    runSqlFile: path => [
      'psql',
      '-v',
      'ON_ERROR_STOP=1',
      '--single-transaction',
      '-f',
      path,
    ],
  },
};

/**
 * The engine's entry, or a permanent error saying which engines can be
 * loaded here.
 */
export function dataEngine(engine: DatabaseEngine, service: string) {
  const found = DATA_ENGINES[engine];
  if (!found) {
    throw new RuntimeError(
      `${service}: the kubernetes runtime cannot load data into a ${engine} database yet; it can into ${Object.keys(
        DATA_ENGINES,
      ).join(', ')}`,
      { transient: false, code: 'DataEngineUnsupported' },
    );
  }
  return found;
}

/** The client image of `engine` for a database of `version`. */
export function clientImage(
  engine: DatabaseEngine,
  version: string,
  images: Partial<Record<DatabaseEngine, string>>,
) {
  const template = images[engine] ?? DATA_ENGINES[engine]?.image ?? '';
  return template.replace(/\{version\}/g, version);
}
