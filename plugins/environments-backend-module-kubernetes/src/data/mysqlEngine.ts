import {
  mysqlConnectionEnv,
  mysqlDumpScript,
  mysqlRestoreScript,
} from '@greenroom/plugin-environments-data-node';
import type { DataEngine } from './DataEngine';

/**
 * MySQL: the official image's mysqldump and mysql, run by the data
 * package's scripts, which read the connection from `MYSQL_*` variables.
 */
export const mysqlEngine: DataEngine = {
  image: 'mysql:{version}',
  urlScheme: 'mysql',
  // The scripts' own variables; an empty password (the scripts need the
  // variable) for a database without one, or a wait that needs none.
  clientEnv: (connection, password) =>
    Object.entries(mysqlConnectionEnv({ ...connection, password: '' })).map(
      ([name, value]) =>
        name === 'MYSQL_PASSWORD' && password
          ? { name, valueFrom: password }
          : { name, value },
    ),
  // MySQL cannot make mysqldump's session read-only: sources need a user
  // that can only read.
  readOnlyEnv: [],
  copyScripts: rules => ({
    dump: mysqlDumpScript(rules),
    restore: mysqlRestoreScript(),
  }),
  // Rules without a database name mean the source's tables.
  transformerEnv: source => [
    { name: 'GREENROOM_DATA_ENGINE', value: 'mysql' },
    { name: 'GREENROOM_SOURCE_DATABASE', value: source.database },
  ],
  // `ping` succeeds once the server answers, even when it refuses the login.
  waitUntilReady:
    'until mysqladmin --no-defaults --host="$MYSQL_HOST" --port="$MYSQL_PORT" --user="$MYSQL_USER" --connect-timeout=5 --silent ping; do sleep 2; done',
  // Through the restore script: it logs in from an option file (never the
  // command line) and first drops what an earlier failed attempt created.
  // With autocommit off, everything after the last schema change (which
  // MySQL commits on its own) is one transaction.
  sqlSeed: dir => ({
    command: [
      'sh',
      '-c',
      `{ echo 'SET autocommit=0;'; cat ${dir}/seed.sql; printf '\\nCOMMIT;\\n'; } | sh ${dir}/restore.sh`,
    ],
    files: { 'restore.sh': mysqlRestoreScript() },
  }),
  afterFailure: {
    copy: 'the database was left without rows (the tables created before the failure stay until a new attempt replaces them)',
    sqlSeed:
      'the rows since its last schema change were rolled back (the tables it created stay until a new attempt replaces them)',
  },
};
