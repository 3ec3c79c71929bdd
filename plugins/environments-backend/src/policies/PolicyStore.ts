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

/** The last stop, start, create or clone of an environment. */
export interface LifecycleOperation {
  environmentId: string;
  type: string;
  requestedBy: string;
  idempotencyKey?: string;
  createdAt: string;
}

const LIFECYCLE_TYPES = ['stop', 'start', 'create', 'clone'];
const CHUNK = 200;

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

  async listNotices(environmentIds: string[]): Promise<PolicyNotice[]> {
    const notices: PolicyNotice[] = [];
    for (const ids of chunks(environmentIds)) {
      const rows = await this.db('policy_notices').whereIn(
        'environment_id',
        ids,
      );
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
  async busyEnvironmentIds(environmentIds: string[]): Promise<Set<string>> {
    const busy = new Set<string>();
    for (const ids of chunks(environmentIds)) {
      const rows = await this.db('operations')
        .distinct('environment_id')
        .whereIn('environment_id', ids)
        .whereIn('status', ['queued', 'running']);
      rows.forEach(row => busy.add(row.environment_id));
    }
    return busy;
  }

  /** The latest stop, start, create or clone of each environment, by id. */
  async lastLifecycleOperations(
    environmentIds: string[],
  ): Promise<Map<string, LifecycleOperation>> {
    const latest = new Map<string, LifecycleOperation>();
    for (const ids of chunks(environmentIds)) {
      const rows = await this.db('operations as o')
        .select(
          'o.environment_id',
          'o.type',
          'o.requested_by',
          'o.idempotency_key',
          'o.created_at',
        )
        .whereIn('o.environment_id', ids)
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
          createdAt: new Date(Number(row.created_at)).toISOString(),
        });
      }
    }
    return latest;
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
