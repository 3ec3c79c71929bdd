import {
  postgresDumpScript,
  postgresRestoreScript,
} from '@greenroom/plugin-environments-data-node';
import type { DataEngine } from './DataEngine';

/** PostgreSQL: the official image's pg_dump and psql, one transaction per load. */
export const postgresqlEngine: DataEngine = {
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
  transformerEnv: () => [
    { name: 'GREENROOM_DATA_ENGINE', value: 'postgresql' },
  ],
  waitUntilReady: 'until pg_isready -q; do sleep 2; done',
  sqlSeed: dir => ({
    command: [
      'psql',
      '-v',
      'ON_ERROR_STOP=1',
      '--single-transaction',
      '-f',
      `${dir}/seed.sql`,
    ],
  }),
  afterFailure: {
    copy: 'the database was left empty',
    sqlSeed: 'its transaction was rolled back, so the database was left empty',
  },
};
