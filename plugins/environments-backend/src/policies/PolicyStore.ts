import { isDatabaseConflictError } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import type { PolicyNoticeKind } from './constants';

/** A notice the sweep sent: once per environment, kind and period. */
export interface PolicyNotice {
  environmentId: string;
  kind: PolicyNoticeKind;
  periodKey: string;
  sentAt: string;
}

/** Identifies a notice: its environment, kind and period. */
export function noticeKey(
  notice: Pick<PolicyNotice, 'environmentId' | 'kind' | 'periodKey'>,
): string {
  return `${notice.environmentId}/${notice.kind}/${notice.periodKey}`;
}

/** The last stop, start, create or clone of an environment. */
export interface LifecycleOperation {
  environmentId: string;
  type: string;
  requestedBy: string;
  idempotencyKey?: string;
  createdAt: string;
}

/** {@link LifecycleOperation} with its time in epoch milliseconds, as the sweep reads it. */
export type LifecycleOperationMs = Omit<LifecycleOperation, 'createdAt'> & {
  createdAt: number;
};

const LIFECYCLE_TYPES = ['stop', 'start', 'create', 'clone'];

/**
 * The environments named after `afterName` (from the first when absent) up
 * to `lastName`, as a page of the sweep lists them: read without binding
 * their ids.
 */
export interface EnvironmentNameRange {
  afterName?: string;
  lastName: string;
}

/** Environments by id, a range of names, or all of them. */
export type EnvironmentSelection = string[] | EnvironmentNameRange | 'all';
/** Ids per `IN (...)`, well under SQLite's and PostgreSQL's parameter limits. */
const CHUNK = 2000;

/**
 * What the policy sweep and the activity poller keep besides environments:
 * the notices sent, and up to when each ActivitySource was read. Also reads
 * the operations the decisions depend on. Tables come from the
 * `20261123140000_policy_sweep` migration; works on PostgreSQL and SQLite.
 */
export class PolicyStore {
  constructor(private readonly db: Knex) {}

  /**
   * Records that a notice is being sent; false when it already was (by this
   * or another replica), so the caller must not send it again.
   */
  async claimNotice(notice: PolicyNotice): Promise<boolean> {
    try {
      await this.db('policy_notices').insert({
        environment_id: notice.environmentId,
        kind: notice.kind,
        period_key: notice.periodKey,
        sent_at: Date.parse(notice.sentAt),
      });
      return true;
    } catch (error) {
      if (isDatabaseConflictError(error)) return false;
      throw error;
    }
  }

  /**
   * Claims many notices in one statement, as {@link claimNotice} does one:
   * returns the keys ({@link noticeKey}) of those claimed now; the others
   * were already sent and must not be sent again.
   */
  async claimNotices(notices: PolicyNotice[]): Promise<Set<string>> {
    const claimed = new Set<string>();
    for (let i = 0; i < notices.length; i += CHUNK) {
      const rows: Array<{
        environment_id: string;
        kind: string;
        period_key: string;
      }> = await this.db('policy_notices')
        .insert(
          notices.slice(i, i + CHUNK).map(notice => ({
            environment_id: notice.environmentId,
            kind: notice.kind,
            period_key: notice.periodKey,
            sent_at: Date.parse(notice.sentAt),
          })),
        )
        .onConflict(['environment_id', 'kind', 'period_key'])
        .ignore()
        .returning(['environment_id', 'kind', 'period_key']);
      for (const row of rows) {
        claimed.add(
          noticeKey({
            environmentId: row.environment_id,
            kind: row.kind as PolicyNoticeKind,
            periodKey: row.period_key,
          }),
        );
      }
    }
    return claimed;
  }

  /** Forgets a claimed notice that could not be sent, so it is tried again. */
  async releaseNotice(
    notice: Pick<PolicyNotice, 'environmentId' | 'kind' | 'periodKey'>,
  ): Promise<void> {
    await this.db('policy_notices')
      .where({
        environment_id: notice.environmentId,
        kind: notice.kind,
        period_key: notice.periodKey,
      })
      .delete();
  }

  /**
   * The notices of the environments; with `sentSince`, only those sent at
   * or after it: what is left once {@link deleteNoticesBefore} of that time
   * ran, so the two need not wait for one another.
   */
  async listNotices(
    environments: EnvironmentSelection,
    options: { sentSince?: Date } = {},
  ): Promise<PolicyNotice[]> {
    const notices: PolicyNotice[] = [];
    for (const ids of this.#selections(environments)) {
      const query = this.db('policy_notices');
      if (ids) query.whereIn('environment_id', ids);
      if (options.sentSince) {
        query.where('sent_at', '>=', options.sentSince.getTime());
      }
      const rows = await query;
      notices.push(
        ...rows.map(row => ({
          environmentId: row.environment_id,
          kind: row.kind,
          periodKey: row.period_key,
          sentAt: new Date(Number(row.sent_at)).toISOString(),
        })),
      );
    }
    return notices;
  }

  /** Drops notices sent before `at` (their periods are long over). */
  async deleteNoticesBefore(at: Date): Promise<number> {
    return this.db('policy_notices')
      .where('sent_at', '<', at.getTime())
      .delete();
  }

  /** Those of the environments with an operation queued or running. */
  async busyEnvironmentIds(
    environments: EnvironmentSelection,
  ): Promise<Set<string>> {
    const busy = new Set<string>();
    for (const ids of this.#selections(environments)) {
      const query = this.db('operations')
        .distinct('environment_id')
        .whereIn('status', ['queued', 'running']);
      if (ids) query.whereIn('environment_id', ids);
      const rows = await query;
      rows.forEach(row => busy.add(row.environment_id));
    }
    return busy;
  }

  /**
   * Environments with an operation queued or running that was created at or
   * after `since`: what the sweep's own actions made busy, read through
   * `operations_status_created_idx` without scanning older operations.
   */
  async busyEnvironmentIdsSince(since: Date): Promise<Set<string>> {
    const rows = await this.db('operations')
      .distinct('environment_id')
      .whereIn('status', ['queued', 'running'])
      .where('created_at', '>=', since.getTime());
    return new Set(rows.map(row => row.environment_id));
  }

  /** The latest stop, start, create or clone of each environment, by id. */
  async lastLifecycleOperations(
    environments: EnvironmentSelection,
  ): Promise<Map<string, LifecycleOperation>> {
    const latest = new Map<string, LifecycleOperation>();
    for (const [id, operation] of await this.lastLifecycleOperationsMs(
      environments,
    )) {
      latest.set(id, {
        ...operation,
        createdAt: new Date(operation.createdAt).toISOString(),
      });
    }
    return latest;
  }

  /** {@link lastLifecycleOperations} with times in epoch milliseconds. */
  async lastLifecycleOperationsMs(
    environments: EnvironmentSelection,
  ): Promise<Map<string, LifecycleOperationMs>> {
    const latest = new Map<string, LifecycleOperationMs>();
    for (const ids of this.#selections(environments)) {
      const query = this.db('operations as o');
      if (ids) query.whereIn('o.environment_id', ids);
      const rows = await query
        .select(
          'o.environment_id',
          'o.type',
          'o.requested_by',
          'o.idempotency_key',
          'o.created_at',
        )
        .whereIn('o.type', LIFECYCLE_TYPES)
        .where(
          'o.created_at',
          this.db('operations as later')
            .max('later.created_at')
            .where('later.environment_id', this.db.ref('o.environment_id'))
            .whereIn('later.type', LIFECYCLE_TYPES),
        );
      for (const row of rows) {
        latest.set(row.environment_id, {
          environmentId: row.environment_id,
          type: row.type,
          requestedBy: row.requested_by,
          idempotencyKey: row.idempotency_key ?? undefined,
          createdAt: Number(row.created_at),
        });
      }
    }
    return latest;
  }

  /**
   * What `environment_id IN (...)` is given: ids a chunk at a time, a
   * subquery of the range, or nothing (all environments: no condition).
   */
  *#selections(
    environments: EnvironmentSelection,
  ): Generator<string[] | Knex.QueryBuilder | undefined> {
    if (environments === 'all') {
      yield undefined;
      return;
    }
    if (Array.isArray(environments)) {
      yield* chunks(environments);
      return;
    }
    const { afterName, lastName } = environments;
    const ids = this.db('environments')
      .select('id')
      .where('name', '<=', lastName);
    if (afterName !== undefined) ids.where('name', '>', afterName);
    yield ids;
  }

  async getActivityCursor(sourceId: string): Promise<Date | undefined> {
    const row = await this.db('activity_cursors')
      .where({ source_id: sourceId })
      .first('read_until');
    return row ? new Date(Number(row.read_until)) : undefined;
  }

  async setActivityCursor(sourceId: string, readUntil: Date): Promise<void> {
    await this.db('activity_cursors')
      .insert({ source_id: sourceId, read_until: readUntil.getTime() })
      .onConflict('source_id')
      .merge();
  }
}

function* chunks<T>(items: T[]): Generator<T[]> {
  for (let i = 0; i < items.length; i += CHUNK) {
    yield items.slice(i, i + CHUNK);
  }
}
