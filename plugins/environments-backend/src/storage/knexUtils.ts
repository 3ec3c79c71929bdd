// Small knex helpers the stores share.
import { isDatabaseConflictError } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import type { Knex } from 'knex';

/** Rows per INSERT, well under the bound-parameter limits of both engines. */
export const INSERT_CHUNK = 200;

export async function insertRows(db: Knex, table: string, rows: object[]) {
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    await db(table).insert(rows.slice(i, i + INSERT_CHUNK));
  }
}

/** A unique-constraint violation becomes a ConflictError (409) with `message`. */
export function rethrowConflict(error: unknown, message: string): never {
  if (isDatabaseConflictError(error)) {
    throw new ConflictError(message);
  }
  throw error;
}

export function isPostgres(db: Knex): boolean {
  return db.client.dialect === 'postgresql';
}

/**
 * PostgreSQL's `work_mem` for a report's sums over every environment, in MB
 * (`environments.cost.reportWorkMemMb`): their hash table takes about 30 MB
 * per 100,000 environments in each process of the query; at the default
 * 4 MB it spills to disk from some 25,000 environments on.
 */
export const DEFAULT_REPORT_WORK_MEM_MB = 64;

/**
 * Runs a query that groups every environment with the given `work_mem` on
 * PostgreSQL, set for its transaction alone, so that its hash table stays in
 * memory instead of spilling to disk in batches and an external sort;
 * elsewhere as it is.
 */
export async function withWorkMem<T>(
  db: Knex,
  workMemMb: number,
  query: (db: Knex) => Promise<T>,
): Promise<T> {
  if (!isPostgres(db)) return query(db);
  return db.transaction(async tx => {
    await tx.raw(`select set_config('work_mem', ?, true)`, [`${workMemMb}MB`]);
    return query(tx);
  });
}

/** Code-unit order, the same on both engines (unlike a database collation). */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
