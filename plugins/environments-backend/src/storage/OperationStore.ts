import { NotFoundError } from '@backstage/errors';
import type { JsonValue } from '@backstage/types';
import type { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { insertRows, isPostgres, rethrowConflict } from './knexUtils';
import { EnvironmentRow, OperationRow, toOperationRecord } from './rows';
import type { NewOperation, OperationQueue, OperationRecord } from './types';

// Namespaces our PostgreSQL advisory locks (the two-key form) away from
// other plugins' locks: "grn" in ASCII.
const ADVISORY_LOCK_CLASS = 0x67726e;
/** Keys per `IN (...)`, well under both engines' parameter limits. */
const KEYS_PER_QUERY = 2000;

/**
 * Operations and their leases: queued by users and jobs, claimed by the
 * engine's replicas, at most one running per environment.
 */
export class OperationStore implements OperationQueue {
  readonly #db: Knex;
  readonly #now: () => Date;

  constructor(db: Knex, now: () => Date) {
    this.#db = db;
    this.#now = now;
  }

  async createOperation(
    environmentId: string,
    operation: NewOperation,
  ): Promise<{ operation: OperationRecord; created: boolean }> {
    const existing = await this.#findIdempotent(operation);
    if (existing) {
      return { operation: existing, created: false };
    }
    const environment: EnvironmentRow | undefined = await this.#db(
      'environments',
    )
      .where({ id: environmentId })
      .first();
    if (!environment) {
      throw new NotFoundError(
        `environment with id '${environmentId}' not found`,
      );
    }
    try {
      const created = await this.insert(this.#db, environment, operation);
      return { operation: created, created: true };
    } catch (error) {
      // A concurrent request with the same key got there first.
      const winner = await this.#findIdempotent(operation);
      if (winner) {
        return { operation: winner, created: false };
      }
      throw error;
    }
  }

  /**
   * Queues an operation on `db`: the environments store passes its
   * transaction, so an environment and its operation are written together.
   */
  async insert(
    db: Knex,
    environment: { id: string; name: string },
    operation: NewOperation,
    now = this.#now().getTime(),
  ): Promise<OperationRecord> {
    const row = toNewOperationRow(environment, operation, now);
    await db('operations')
      .insert(row)
      .catch(error =>
        rethrowConflict(
          error,
          `operation with idempotency key '${operation.idempotencyKey}' already exists`,
        ),
      );
    return toOperationRecord(row);
  }

  /**
   * Queues several operations on `db` in multi-row INSERTs, as {@link insert}
   * queues one; a reused idempotency key fails them all (ConflictError).
   */
  async insertMany(
    db: Knex,
    items: Array<{
      environment: { id: string; name: string };
      operation: NewOperation;
    }>,
    now = this.#now().getTime(),
  ): Promise<OperationRecord[]> {
    const rows = items.map(({ environment, operation }) =>
      toNewOperationRow(environment, operation, now),
    );
    await insertRows(db, 'operations', rows).catch(error =>
      rethrowConflict(
        error,
        'an operation with one of these idempotency keys already exists',
      ),
    );
    return rows.map(toOperationRecord);
  }

  async findOperationByIdempotencyKey(
    requestedBy: string,
    idempotencyKey: string,
  ): Promise<
    { operation: OperationRecord; requestFingerprint?: string } | undefined
  > {
    const row: OperationRow | undefined = await this.#db('operations')
      .where({ requested_by: requestedBy, idempotency_key: idempotencyKey })
      .first();
    if (!row) return undefined;
    // Kept beside the operation, never on it: the API shows operations.
    return row.request_fingerprint
      ? {
          operation: toOperationRecord(row),
          requestFingerprint: row.request_fingerprint,
        }
      : { operation: toOperationRecord(row) };
  }

  async findOperationsByIdempotencyKeys(
    requestedBy: string,
    idempotencyKeys: string[],
  ): Promise<
    Map<string, { operation: OperationRecord; requestFingerprint?: string }>
  > {
    const found = new Map<
      string,
      { operation: OperationRecord; requestFingerprint?: string }
    >();
    for (let i = 0; i < idempotencyKeys.length; i += KEYS_PER_QUERY) {
      const rows: OperationRow[] = await this.#db('operations')
        .where({ requested_by: requestedBy })
        .whereIn(
          'idempotency_key',
          idempotencyKeys.slice(i, i + KEYS_PER_QUERY),
        );
      for (const row of rows) {
        found.set(
          row.idempotency_key!,
          row.request_fingerprint
            ? {
                operation: toOperationRecord(row),
                requestFingerprint: row.request_fingerprint,
              }
            : { operation: toOperationRecord(row) },
        );
      }
    }
    return found;
  }

  async getOperation(id: string): Promise<OperationRecord | undefined> {
    const row: OperationRow | undefined = await this.#db('operations')
      .where({ id })
      .first();
    return row && toOperationRecord(row);
  }

  async listOperations(
    environmentId: string,
    options: { limit?: number } = {},
  ): Promise<OperationRecord[]> {
    const query = this.#db('operations')
      .where({ environment_id: environmentId })
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ]);
    if (options.limit !== undefined) {
      query.limit(options.limit);
    }
    const rows: OperationRow[] = await query;
    return rows.map(toOperationRecord);
  }

  async claimOperation(
    owner: string,
    leaseMs: number,
    id?: string,
  ): Promise<OperationRecord | undefined> {
    const now = this.#now().getTime();
    return this.#db.transaction(async tx => {
      const candidates = tx('operations')
        .where(claimable(tx, now))
        .orderBy(['created_at', 'id'])
        .limit(1);
      if (id) candidates.where('operations.id', id);
      if (isPostgres(tx)) {
        // Replicas skip the rows that others are claiming right now.
        candidates.forUpdate().skipLocked();
      }
      const [row]: OperationRow[] = await candidates;
      if (!row || !(await lockEnvironment(tx, row.environment_id))) {
        return undefined;
      }

      const claim = {
        status: 'running',
        attempts: row.attempts + 1,
        lease_owner: owner,
        lease_expires_at: now + leaseMs,
        updated_at: now,
      };
      // Checked again in the UPDATE itself: on SQLite this is what makes the
      // claim safe, on PostgreSQL it sees claims committed since the SELECT.
      const claimed = await tx('operations')
        .where({ id: row.id })
        .where(claimable(tx, now))
        .update(claim);
      return claimed === 1
        ? toOperationRecord({ ...row, ...claim })
        : undefined;
    });
  }

  async renewLease(
    id: string,
    owner: string,
    leaseMs: number,
  ): Promise<boolean> {
    const now = this.#now().getTime();
    const renewed = await this.#db('operations')
      .where({ id, lease_owner: owner, status: 'running' })
      .update({ lease_expires_at: now + leaseMs, updated_at: now });
    return renewed === 1;
  }

  async updateOperation(
    id: string,
    owner: string,
    patch: {
      status?: OperationRecord['status'];
      steps?: OperationRecord['steps'];
      checkpoints?: Record<string, JsonValue>;
      error?: string;
    },
  ): Promise<boolean> {
    const columns: Partial<OperationRow> = {
      updated_at: this.#now().getTime(),
    };
    if (patch.status) {
      columns.status = patch.status;
      // A lease only lives while the operation runs.
      if (patch.status !== 'running') {
        columns.lease_owner = null;
        columns.lease_expires_at = null;
      }
    }
    if (patch.steps) {
      columns.steps = JSON.stringify(patch.steps);
    }
    if (patch.error !== undefined) {
      columns.error = patch.error;
    }
    if (!patch.checkpoints) {
      // Nothing to merge with what is stored: one statement, no transaction.
      const updated = await this.#db('operations')
        .where({ id, lease_owner: owner })
        .update(columns);
      return updated > 0;
    }
    const checkpoints = patch.checkpoints;
    return this.#db.transaction(async tx => {
      const row: OperationRow | undefined = await tx('operations')
        .where({ id, lease_owner: owner })
        .forUpdate()
        .first();
      if (!row) {
        return false;
      }
      columns.checkpoints = JSON.stringify({
        ...JSON.parse(row.checkpoints),
        ...checkpoints,
      });
      await tx('operations').where({ id }).update(columns);
      return true;
    });
  }

  async #findIdempotent(operation: NewOperation) {
    if (!operation.idempotencyKey) return undefined;
    const found = await this.findOperationByIdempotencyKey(
      operation.requestedBy,
      operation.idempotencyKey,
    );
    return found?.operation;
  }
}

/**
 * Operations that may be claimed now: queued, or running under an expired
 * lease, and not of an environment that has another operation running under
 * a live lease.
 */
function claimable(db: Knex, now: number) {
  return (query: Knex.QueryBuilder) =>
    query
      .where(runnable =>
        runnable
          .where('operations.status', 'queued')
          .orWhere(expired =>
            expired
              .where('operations.status', 'running')
              .where('operations.lease_expires_at', '<', now),
          ),
      )
      .whereNotExists(
        db('operations as other')
          .select('other.id')
          .where('other.environment_id', db.ref('operations.environment_id'))
          .whereNot('other.id', db.ref('operations.id'))
          .where('other.status', 'running')
          .where('other.lease_expires_at', '>=', now),
      );
}

/**
 * Makes sure that no other replica claims an operation of the same
 * environment in parallel: two claimers could otherwise lock two different
 * queued operations of one environment. SQLite has a single writer, so there
 * it is always granted.
 */
async function lockEnvironment(
  tx: Knex.Transaction,
  environmentId: string,
): Promise<boolean> {
  if (!isPostgres(tx)) {
    return true;
  }
  const result = await tx.raw(
    'SELECT pg_try_advisory_xact_lock(CAST(? AS integer), hashtext(?)) AS locked',
    [ADVISORY_LOCK_CLASS, environmentId],
  );
  return result.rows[0].locked === true;
}

/** The row of a newly queued operation. */
function toNewOperationRow(
  environment: { id: string; name: string },
  operation: NewOperation,
  now: number,
): OperationRow {
  return {
    id: randomUUID(),
    environment_id: environment.id,
    environment_name: environment.name,
    type: operation.type,
    status: 'queued',
    steps: JSON.stringify(
      operation.steps.map(name => ({ name, status: 'queued' })),
    ),
    input:
      operation.input === undefined ? null : JSON.stringify(operation.input),
    checkpoints: '{}',
    idempotency_key: operation.idempotencyKey ?? null,
    request_fingerprint: operation.requestFingerprint ?? null,
    requested_by: operation.requestedBy,
    error: null,
    attempts: 0,
    lease_owner: null,
    lease_expires_at: null,
    created_at: now,
    updated_at: now,
  };
}
