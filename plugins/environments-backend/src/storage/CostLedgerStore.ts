import type { Knex } from 'knex';
import { IntervalRow, Millis, toIso, toServiceInterval } from './rows';
import type { CostLedger, ServiceIntervalInput } from './types';
import type { ServiceInterval } from './rows';

/**
 * The cost ledger: per service, intervals of what it reserved while running
 * or stopped, and the activity that the idle part of cost is computed from.
 */
export class CostLedgerStore implements CostLedger {
  readonly #db: Knex;

  constructor(db: Knex) {
    this.#db = db;
  }

  async openServiceInterval(
    interval: ServiceIntervalInput,
    at: Date,
  ): Promise<void> {
    await this.#db.transaction(async tx => {
      await closeIntervals(
        tx,
        interval.environmentId,
        at.getTime(),
        interval.serviceName,
      );
      await tx('service_intervals').insert({
        environment_id: interval.environmentId,
        service_name: interval.serviceName,
        state: interval.state,
        started_at: at.getTime(),
        ended_at: null,
        cpu_cores: interval.cpuCores,
        memory_gb: interval.memoryGb,
        storage_gb: interval.storageGb,
        instance_class: interval.instanceClass ?? null,
        reason: interval.reason ?? null,
      });
    });
  }

  async closeServiceIntervals(
    environmentId: string,
    at: Date,
    serviceName?: string,
  ): Promise<void> {
    await closeIntervals(this.#db, environmentId, at.getTime(), serviceName);
  }

  /** The ledger of an environment, oldest first (for cost reports). */
  async listServiceIntervals(
    environmentId: string,
  ): Promise<ServiceInterval[]> {
    const rows: IntervalRow[] = await this.#db('service_intervals')
      .where({ environment_id: environmentId })
      .orderBy(['started_at', 'id']);
    return rows.map(toServiceInterval);
  }

  /**
   * Ledger intervals that overlap `[from, to)`, of all environments or of
   * `environmentId`: started before `to` and not ended by `from` (open
   * intervals included), oldest first.
   */
  async listIntervalsBetween(
    from: Date,
    to: Date,
    environmentId?: string,
  ): Promise<ServiceInterval[]> {
    const query = this.#db('service_intervals')
      .where('started_at', '<', to.getTime())
      .where(q =>
        q.whereNull('ended_at').orWhere('ended_at', '>', from.getTime()),
      );
    if (environmentId !== undefined) {
      query.where('environment_id', environmentId);
    }
    const rows: IntervalRow[] = await query.orderBy(['started_at', 'id']);
    return rows.map(toServiceInterval);
  }

  /** Activity of all environments in `[from, to)`, oldest first. */
  async listActivityBetween(
    from: Date,
    to: Date,
  ): Promise<Array<{ environmentId: string; at: string }>> {
    const rows: Array<{ environment_id: string; at: Millis }> = await this.#db(
      'activity',
    )
      .select('environment_id', 'at')
      .where('at', '>=', from.getTime())
      .where('at', '<', to.getTime())
      .orderBy(['at', 'id']);
    return rows.map(row => ({
      environmentId: row.environment_id,
      at: toIso(row.at),
    }));
  }
}

async function closeIntervals(
  db: Knex,
  environmentId: string,
  at: number,
  serviceName?: string,
) {
  const query = db('service_intervals')
    .where({ environment_id: environmentId })
    .whereNull('ended_at');
  if (serviceName !== undefined) {
    query.where({ service_name: serviceName });
  }
  await query.update({ ended_at: at });
}
