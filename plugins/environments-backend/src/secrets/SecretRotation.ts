import type {
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';
import type { EnvironmentsConfig } from '../config';
import type { SecretBox } from './SecretBox';
import { databasePasswordContext, variableSecretContext } from './contexts';

/** Where secrets are stored, and how each row's context is made. */
interface SecretTable {
  table: string;
  /** Primary key columns, in the order pages are read. */
  keys: string[];
  /** The ciphertext column. */
  column: string;
  scope(query: Knex.QueryBuilder): Knex.QueryBuilder;
  context(row: Record<string, string>): string;
}

const SECRET_TABLES: SecretTable[] = [
  {
    // Secret variables of environments (service_name '') and of services.
    table: 'environment_variables',
    keys: ['environment_id', 'service_name', 'key'],
    column: 'value',
    scope: query => query.where('kind', 'secret').whereNotNull('value'),
    context: row =>
      variableSecretContext(row.environment_id, row.service_name, row.key),
  },
  {
    table: 'database_credentials',
    keys: ['environment_id', 'service_name'],
    column: 'password',
    scope: query => query,
    context: row =>
      databasePasswordContext(row.environment_id, row.service_name),
  },
];

export interface SecretRotationResult {
  /** Values now stored under the newest key. */
  reencrypted: number;
  /** Values someone changed meanwhile: left to that writer (it used the newest key). */
  skipped: number;
  /** Values no configured key opens: left as they are, logged without values. */
  failed: number;
}

export interface SecretRotationOptions {
  db: Knex;
  secrets: SecretBox;
  logger: LoggerService;
  /** Rows read per query. */
  pageSize?: number;
}

/**
 * Re-encrypts every stored secret (secret variables and database passwords)
 * that is not under the newest key of `environments.secretsKeys`, with the
 * context it was written with, so an old or leaked key can be removed.
 *
 * Idempotent and safe next to writers: rows are read page by page in key
 * order, and each is replaced only if it still holds the ciphertext that was
 * read (compare-and-set). Values never leave the {@link SecretBox} and are
 * never logged.
 */
export class SecretRotation {
  readonly #options: SecretRotationOptions;

  constructor(options: SecretRotationOptions) {
    this.#options = options;
  }

  /** Runs on one replica at a time, at `environments.secrets.reencryptFrequency`. */
  async schedule(
    scheduler: SchedulerService,
    config: Pick<EnvironmentsConfig, 'secretsReencryptFrequencyMs'>,
  ): Promise<void> {
    await scheduler.scheduleTask({
      id: 'environments-secrets-reencrypt',
      frequency: { milliseconds: config.secretsReencryptFrequencyMs },
      timeout: { minutes: 30 },
      initialDelay: { seconds: 20 },
      scope: 'global',
      fn: async signal => {
        await this.run(signal);
      },
    });
  }

  async run(signal?: AbortSignal): Promise<SecretRotationResult> {
    const result: SecretRotationResult = {
      reencrypted: 0,
      skipped: 0,
      failed: 0,
    };
    for (const table of SECRET_TABLES) {
      await this.#rotateTable(table, result, signal);
      if (signal?.aborted) break;
    }
    const { logger, secrets } = this.#options;
    if (result.reencrypted || result.failed || result.skipped) {
      logger.info('Re-encrypted stored secrets under the newest key', {
        keyId: secrets.currentKeyId,
        ...result,
        ...(signal?.aborted ? { interrupted: true } : {}),
      });
    }
    return result;
  }

  async #rotateTable(
    spec: SecretTable,
    result: SecretRotationResult,
    signal?: AbortSignal,
  ) {
    const { db, secrets, logger } = this.#options;
    const pageSize = this.#options.pageSize ?? 100;
    let after: string[] | undefined;
    for (;;) {
      if (signal?.aborted) return;
      const query = spec
        .scope(db(spec.table))
        // Values already under the newest key are not even read.
        .whereNot(spec.column, 'like', `v2:${secrets.currentKeyId}:%`)
        .select([...spec.keys, spec.column])
        .orderBy(spec.keys)
        .limit(pageSize);
      if (after) whereAfter(query, spec.keys, after);
      const rows: Record<string, string>[] = await query;
      for (const row of rows) {
        if (signal?.aborted) return;
        const stored = row[spec.column];
        const where = Object.fromEntries(spec.keys.map(k => [k, row[k]]));
        let renewed: string | undefined;
        try {
          renewed = secrets.reencrypt(stored, spec.context(row));
        } catch (error) {
          result.failed += 1;
          // Where it is, never what it is.
          logger.warn(
            `Could not re-encrypt a stored secret in ${
              spec.table
            }; it stays under its old key: ${(error as Error).message}`,
            where,
          );
          continue;
        }
        if (renewed === undefined) continue;
        const updated = await db(spec.table)
          .where(where)
          .where(spec.column, stored)
          .update({ [spec.column]: renewed });
        if (updated === 1) result.reencrypted += 1;
        else result.skipped += 1;
      }
      if (rows.length < pageSize) return;
      const last = rows[rows.length - 1];
      after = spec.keys.map(k => last[k]);
    }
  }
}

/** Rows whose primary key comes after `values` (keyset pagination). */
function whereAfter(
  query: Knex.QueryBuilder,
  columns: string[],
  values: string[],
) {
  query.where(function after(this: Knex.QueryBuilder) {
    this.where(columns[0], '>', values[0]);
    if (columns.length > 1) {
      this.orWhere(inner => {
        inner.where(columns[0], values[0]);
        whereAfter(inner, columns.slice(1), values.slice(1));
      });
    }
  });
}
