export type { MysqlConnection } from './connection';
export { mysqlConnectionEnv } from './connection';
export { mysqlDumpScript } from './dumpScript';
export { mysqlRestoreScript } from './restoreScript';
export type { MysqlDumpTransformerOptions } from './MysqlDumpTransformer';
export { MysqlDumpTransformer } from './MysqlDumpTransformer';
export { mysqlDumpTransformStream } from './transformStream';
export { copyMysqlDatabase } from './copyMysqlDatabase';
