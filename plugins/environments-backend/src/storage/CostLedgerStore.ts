import type {
  ActivityEvent,
  CostInterval,
} from '@greenroom/plugin-environments-common';
import type { Knex } from 'knex';
import { DEFAULT_REPORT_WORK_MEM_MB, withWorkMem } from './knexUtils';
import { IntervalRow, Millis, toIso, toServiceInterval } from './rows';
import type { CostLedger, ServiceIntervalInput } from './types';
import type { ServiceInterval } from './rows';

/** Rows per INSERT: 12 columns each, well under SQLite's 999 variables. */
const INSERT_CHUNK = 50;

/** The ledger columns the cost math reads. */
const COST_INTERVAL_COLUMNS = [
  'environment_id',
  'service_name',
  'state',
  'started_at',
  'ended_at',
  'cpu_cores',
  'memory_gb',
  'storage_gb',
  'instance_class',
  'reason',
];

/**
 * The cost ledger: per service, intervals of what it reserved while running
 * or stopped, and the activity that the idle part of cost is computed from.
 */
export class CostLedgerStore implements CostLedger {
  readonly #db: Knex;
  readonly #reportWorkMemMb: number;

  constructor(
    db: Knex,
    options: {
      /** PostgreSQL's `work_mem` for sums over every environment, in MB. */
      reportWorkMemMb?: number;
    } = {},
  ) {
    this.#db = db;
    this.#reportWorkMemMb =
      options.reportWorkMemMb ?? DEFAULT_REPORT_WORK_MEM_MB;
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
      await tx('service_intervals').insert(rowOf(interval, at));
    });
  }

  async replaceServiceIntervals(
    environmentId: string,
    intervals: ServiceIntervalInput[],
    at: Date,
  ): Promise<void> {
    const rows = intervals.map(interval => rowOf(interval, at));
    await this.#db.transaction(async tx => {
      await closeIntervals(tx, environmentId, at.getTime());
      // A few statements instead of one per service; chunks stay within
      // SQLite's limit of bound variables.
      for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
        await tx('service_intervals').insert(rows.slice(i, i + INSERT_CHUNK));
      }
    });
  }

  /**
   * Makes the open `running` intervals of the given services hold what an
   * observation saw: where the reservation changed, the open interval is
   * closed and the given one opened at `at`. A service whose interval is
   * unchanged, not open, or no longer `running` (an operation stopped it
   * meanwhile) is left alone, so an observation never grows the ledger
   * without a change and never undoes a stop. Returns the services changed.
   */
  async reconcileRunningIntervals(
    intervals: ServiceIntervalInput[],
    at: Date,
  ): Promise<string[]> {
    const environmentIds = [...new Set(intervals.map(i => i.environmentId))];
    if (environmentIds.length === 0) return [];
    const open: IntervalRow[] = await this.#db('service_intervals')
      .whereIn('environment_id', environmentIds)
      .whereNull('ended_at')
      .where({ state: 'running' });
    const changed = intervals.flatMap(interval => {
      const current = open.find(
        row =>
          row.environment_id === interval.environmentId &&
          row.service_name === interval.serviceName,
      );
      return current && !sameReservation(current, interval)
        ? [{ current, interval }]
        : [];
    });
    if (changed.length === 0) return [];
    return this.#db.transaction(async tx => {
      const done: string[] = [];
      for (const { current, interval } of changed) {
        // Only if still open and running: a stop may have replaced it.
        const closed = await tx('service_intervals')
          .where({ id: current.id, state: 'running' })
          .whereNull('ended_at')
          .update({ ended_at: at.getTime() });
        if (closed === 0) continue;
        await tx('service_intervals').insert(rowOf(interval, at));
        done.push(interval.serviceName);
      }
      return done;
    });
  }

  async closeServiceIntervals(
    environmentId: string,
    at: Date,
    serviceName?: string,
  ): Promise<void> {
    await closeIntervals(this.#db, environmentId, at.getTime(), serviceName);
  }

  async listOpenServiceIntervals(
    environmentId: string,
  ): Promise<ServiceInterval[]> {
    const rows: IntervalRow[] = await this.#db('service_intervals')
      .where({ environment_id: environmentId })
      .whereNull('ended_at')
      .orderBy(['started_at', 'id']);
    return rows.map(toServiceInterval);
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

  /**
   * The same intervals as {@link listIntervalsBetween} (all environments),
   * as the cost math reads them: times in epoch milliseconds, no ISO
   * strings to format and parse back.
   */
  async listCostIntervalsBetween(
    from: Date,
    to: Date,
  ): Promise<CostInterval[]> {
    const rows: IntervalRow[] = await this.#db('service_intervals')
      .select(COST_INTERVAL_COLUMNS)
      .where('started_at', '<', to.getTime())
      .where(q =>
        q.whereNull('ended_at').orWhere('ended_at', '>', from.getTime()),
      )
      .orderBy(['started_at', 'id']);
    return rows.map(toCostInterval);
  }

  /**
   * The intervals of {@link listCostIntervalsBetween} added up in SQL: those
   * of one environment with the same state, times, reason and no instance
   * class become one interval reserving their sum. The cost math is linear
   * in what an interval reserves and its idle spans depend only on its
   * times, so the groups price exactly as their intervals do; an
   * environment's services start and stop together, so this is about one
   * row per environment and state change instead of one per service.
   * Managed database intervals stay one each (their class is priced per
   * interval); `serviceName` is the first of the group's services.
   */
  async sumCostIntervalsBetween(from: Date, to: Date): Promise<CostInterval[]> {
    // Today's part of a month-to-date report groups some 100,000 open
    // intervals at 10,000 environments: at the default work_mem their sort
    // spilled to disk (~250 ms); with the report's, a hash (~150 ms).
    const rows: IntervalRow[] = await withWorkMem(
      this.#db,
      this.#reportWorkMemMb,
      db => this.#sumCostIntervalsQuery(db, from, to),
    );
    return rows.map(toCostInterval);
  }

  #sumCostIntervalsQuery(db: Knex, from: Date, to: Date) {
    return db('service_intervals')
      .select(
        'environment_id',
        'state',
        'started_at',
        'ended_at',
        'instance_class',
        'reason',
        db.raw('min(service_name) as service_name'),
        db.raw('sum(cpu_cores) as cpu_cores'),
        db.raw('sum(memory_gb) as memory_gb'),
        db.raw('sum(storage_gb) as storage_gb'),
      )
      .where('started_at', '<', to.getTime())
      .where(q =>
        q.whereNull('ended_at').orWhere('ended_at', '>', from.getTime()),
      )
      .groupBy([
        'environment_id',
        'state',
        'started_at',
        'ended_at',
        'instance_class',
        'reason',
      ])
      .groupByRaw('case when instance_class is null then 0 else id end')
      .orderBy(['started_at', 'environment_id', 'service_name']);
  }

  /** The same activity as {@link listActivityBetween}, times in epoch milliseconds. */
  async listActivityTimesBetween(
    from: Date,
    to: Date,
    environmentId?: string,
  ): Promise<ActivityEvent[]> {
    const query = this.#db('activity')
      .select('environment_id', 'at')
      .where('at', '>=', from.getTime())
      .where('at', '<', to.getTime())
      .orderBy(['at', 'id']);
    if (environmentId) query.where('environment_id', environmentId);
    const rows: Array<{ environment_id: string; at: Millis }> = await query;
    return rows.map(row => ({
      environmentId: row.environment_id,
      at: Number(row.at),
    }));
  }

  /** Activity of all environments in `[from, to)`, oldest first. */
  async listActivityBetween(
    from: Date,
    to: Date,
  ): Promise<Array<{ environmentId: string; at: string }>> {
    return (await this.listActivityTimesBetween(from, to)).map(event => ({
      environmentId: event.environmentId,
      at: toIso(event.at as number),
    }));
  }
}

/** A ledger row as the cost math reads it (see `toServiceInterval`). */
function toCostInterval(row: IntervalRow): CostInterval {
  const interval: CostInterval = {
    environmentId: row.environment_id,
    serviceName: row.service_name,
    state: row.state as CostInterval['state'],
    cpuCores: row.cpu_cores,
    memoryGb: row.memory_gb,
    storageGb: row.storage_gb,
    startedAt: Number(row.started_at),
  };
  if (row.ended_at !== null) interval.endedAt = Number(row.ended_at);
  if (row.instance_class !== null) interval.instanceClass = row.instance_class;
  if (row.reason !== null) interval.reason = row.reason;
  return interval;
}

function rowOf(interval: ServiceIntervalInput, at: Date) {
  return {
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
  };
}

/**
 * Whether an open interval already holds a reservation, up to floating-point
 * noise (sums of parsed quantities need not add up bit for bit).
 */
function sameReservation(row: IntervalRow, interval: ServiceIntervalInput) {
  const close = (x: number, y: number) =>
    Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x), Math.abs(y));
  return (
    close(Number(row.cpu_cores), interval.cpuCores) &&
    close(Number(row.memory_gb), interval.memoryGb) &&
    close(Number(row.storage_gb), interval.storageGb) &&
    (row.instance_class ?? null) === (interval.instanceClass ?? null)
  );
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
