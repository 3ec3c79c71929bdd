// The surface other packages build on while this package is being written.
// Every function here is replaced by its implementation.
import type { DataRules } from '@greenroom/plugin-environments-common';
import type { DataLoadResult } from '@greenroom/plugin-environments-node';

/** How to reach one PostgreSQL database. @public */
export interface PostgresConnection {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
}

/**
 * A POSIX shell script for the engine's official client image that writes
 * the copy stream of the source to stdout: the schema, the data of every
 * table (subsets applied in SQL, read-only), statements that drop rows whose
 * foreign keys point at rows left out, then indexes and constraints. Reads
 * the source from the standard `PG*` variables.
 *
 * @public
 */
export function postgresDumpScript(_rules: DataRules): string {
  throw new Error('postgresDumpScript is not implemented yet');
}

/**
 * A POSIX shell script that loads the (transformed) copy stream from stdin
 * into the target in one transaction, replacing what was there: a failed
 * load leaves the target as it was. Reads the target from `PG*` variables.
 *
 * @public
 */
export function postgresRestoreScript(): string {
  throw new Error('postgresRestoreScript is not implemented yet');
}

/**
 * The transformer as one dependency-free CommonJS script for a stock Node
 * image: `node transformer.js < dump > restore`, rules from the JSON file
 * named by `GREENROOM_DATA_RULES`, key from `GREENROOM_DATA_KEY`; progress
 * and the final counts as JSON lines on stderr (`parseTransformerReport`).
 *
 * @public
 */
export const DATA_TRANSFORMER_SCRIPT: string = '';

/** One JSON line the transformer writes to stderr. @public */
export type TransformerReport =
  | { type: 'progress'; table: string; rows: number }
  | { type: 'done'; rows: number; tables: { table: string; rows: number }[] };

/** A transformer report from one line of its stderr, if the line is one. @public */
export function parseTransformerReport(
  _line: string,
): TransformerReport | undefined {
  throw new Error('parseTransformerReport is not implemented yet');
}

/**
 * Copies `source` into `target` on this machine: the dump script, the
 * transformer in this process, the restore script, streamed (constant
 * memory). Needs `pg_dump` and `psql` in `binDir` or on the PATH.
 *
 * @public
 */
export async function copyPostgresDatabase(_options: {
  source: PostgresConnection;
  target: PostgresConnection;
  rules: DataRules;
  transformKey: string;
  binDir?: string;
  signal?: AbortSignal;
  onProgress?: (update: { table: string; rows: number }) => void;
}): Promise<DataLoadResult> {
  throw new Error('copyPostgresDatabase is not implemented yet');
}

/** Runs an SQL seed against `target` in one transaction. @public */
export async function seedPostgresDatabase(_options: {
  target: PostgresConnection;
  sql: string;
  binDir?: string;
  signal?: AbortSignal;
}): Promise<void> {
  throw new Error('seedPostgresDatabase is not implemented yet');
}
