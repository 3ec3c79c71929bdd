/**
 * Copies and seeds the data of Greenroom environments' databases: the
 * streamed transformer that anonymises a dump by a service's data rules, the
 * dump and restore scripts of each engine, the transformer as one script for
 * a stock Node image (what runtimes' jobs run), and copies on this machine.
 *
 * @packageDocumentation
 */

export type { PostgresConnection } from './postgres/PostgresConnection';
export { postgresDumpScript } from './postgres/postgresDumpScript';
export { postgresRestoreScript } from './postgres/postgresRestoreScript';
export { DATA_TRANSFORMER_SCRIPT } from './bundle/transformerScript.generated';
export {
  type TransformerReport,
  parseTransformerReport,
} from './transformer/transformerReport';
export {
  DumpTransformer,
  type DumpTransformerOptions,
  type DumpProgress,
} from './transformer/DumpTransformer';
export { nativeHmacHasher } from './transformer/nativeHmacHasher';
export { copyPostgresDatabase } from './local/copyPostgresDatabase';
export { seedPostgresDatabase } from './local/seedPostgresDatabase';
export * from './mysql';
