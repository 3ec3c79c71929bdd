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

/** Code-unit order, the same on both engines (unlike a database collation). */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
