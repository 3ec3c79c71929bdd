import { ConflictError, NotFoundError } from '@backstage/errors';
import type { Knex } from 'knex';
import { insertRows } from './knexUtils';
import type { OperationStore } from './OperationStore';
import { EnvironmentRow, toHeader, toSpecColumns } from './rows';
import type {
  EnvironmentSpecChange,
  EnvironmentSpecChangeOutcome,
} from './types';

/** Names per `IN (...)`, well under both engines' parameter limits. */
const CHUNK = 2000;

/**
 * Several environments' spec changes in one transaction, as
 * `updateEnvironmentSpec` makes one (no services): the rows read locked
 * together, each checked on its own (a missing row or another revision fails
 * that change only), then the activities and operations of the others in
 * multi-row INSERTs and one UPDATE per set of identical columns.
 */
export async function updateEnvironmentSpecs(
  db: Knex,
  operations: OperationStore,
  now: number,
  changes: EnvironmentSpecChange[],
): Promise<EnvironmentSpecChangeOutcome[]> {
  if (changes.length === 0) return [];
  return db.transaction(async tx => {
    const rows = new Map<string, EnvironmentRow>();
    const names = [...new Set(changes.map(c => c.name))].sort();
    for (let i = 0; i < names.length; i += CHUNK) {
      // Locked in name order, so two batches never wait on each other in a cycle.
      const read: EnvironmentRow[] = await tx('environments')
        .whereIn('name', names.slice(i, i + CHUNK))
        .orderBy('name')
        .forUpdate();
      read.forEach(row => rows.set(row.name, row));
    }
    const outcomes: EnvironmentSpecChangeOutcome[] = [];
    const written: Array<{
      change: EnvironmentSpecChange;
      row: EnvironmentRow;
    }> = [];
    const updates = new Map<
      string,
      { columns: Partial<EnvironmentRow>; activityAt?: number; ids: string[] }
    >();
    const changed = new Set<string>();
    for (const change of changes) {
      const row = rows.get(change.name);
      const error = refusal(change, row, changed);
      if (error) {
        outcomes.push({ error });
        continue;
      }
      changed.add(change.name);
      const columns = { ...toSpecColumns(change.patch), updated_at: now };
      const activityAt = change.activity?.at.getTime();
      // Changes with the same columns go in one UPDATE (revision + 1 each).
      const key = JSON.stringify([columns, activityAt]);
      const update = updates.get(key) ?? { columns, activityAt, ids: [] };
      update.ids.push(row!.id);
      updates.set(key, update);
      const updated: EnvironmentRow = {
        ...row!,
        ...columns,
        revision: row!.revision + 1,
      };
      if (activityAt !== undefined) {
        updated.last_activity_at = Math.max(
          Number(row!.last_activity_at),
          activityAt,
        );
      }
      written.push({ change, row: updated });
      outcomes.push({ environment: toHeader(updated) });
    }
    await insertRows(
      tx,
      'activity',
      written.flatMap(({ change, row }) =>
        change.activity
          ? [
              {
                environment_id: row.id,
                kind: change.activity.kind,
                actor: change.activity.actor ?? null,
                at: change.activity.at.getTime(),
              },
            ]
          : [],
      ),
    );
    for (const { columns, activityAt, ids } of updates.values()) {
      // Acting counts as activity: last_activity_at moves forward, never back.
      const activity =
        activityAt === undefined
          ? {}
          : {
              last_activity_at: tx.raw(
                'CASE WHEN last_activity_at < ? THEN ? ELSE last_activity_at END',
                [activityAt, activityAt],
              ),
            };
      for (let i = 0; i < ids.length; i += CHUNK) {
        await tx('environments')
          .whereIn('id', ids.slice(i, i + CHUNK))
          .update({
            ...columns,
            ...activity,
            revision: tx.raw('revision + 1'),
          });
      }
    }
    const queued = await operations.insertMany(
      tx,
      written.flatMap(({ change, row }) =>
        change.operation
          ? [{ environment: row, operation: change.operation }]
          : [],
      ),
      now,
    );
    // Outcomes in the order of the changes; operations in the order written.
    let next = 0;
    let w = 0;
    return outcomes.map(outcome => {
      if ('error' in outcome) return outcome;
      const { change } = written[w++];
      return change.operation
        ? { ...outcome, operation: queued[next++] }
        : outcome;
    });
  });
}

/** Why a change is not made, if it is not. */
function refusal(
  change: EnvironmentSpecChange,
  row: EnvironmentRow | undefined,
  changed: Set<string>,
): Error | undefined {
  if (!row) return new NotFoundError(`environment '${change.name}' not found`);
  if (changed.has(change.name)) {
    return new ConflictError(
      `environment '${change.name}' is changed once per batch`,
    );
  }
  if (
    change.expectedRevision !== undefined &&
    row.revision !== change.expectedRevision
  ) {
    return new ConflictError(
      `environment '${change.name}' has revision ${row.revision}, not ${change.expectedRevision}`,
    );
  }
  return undefined;
}
