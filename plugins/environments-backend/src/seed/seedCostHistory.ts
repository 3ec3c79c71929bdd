import { AUTO_STOP_REASON } from '@greenroom/plugin-environments-common';
import type { EnvironmentsStore, StoredEnvironment } from '../database/types';
import { serviceIntervals } from '../engine/ledger';

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;
const SEED_ACTOR = 'user:default/greenroom-seed';

/** One state change of the example history. */
interface Transition {
  at: number;
  state: 'running' | 'stopped';
  reason: string;
}

/**
 * A working day of a development or preview environment: started at 08:00,
 * used at 09:00, 11:00 and (some days) 14:00, stopped by the idle policy two
 * hours after its last use. Weekends stay stopped.
 */
function workingDays(
  from: number,
  to: number,
  seed: number,
): { transitions: Transition[]; activity: number[] } {
  const transitions: Transition[] = [];
  const activity: number[] = [];
  for (let day = from; day < to; day += DAY_MS) {
    const weekday = new Date(day).getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    const lastUse = (day / DAY_MS + seed) % 3 === 0 ? 11 : 14;
    const stop = day + (lastUse + 2) * HOUR_MS;
    if (stop >= to) break;
    transitions.push({
      at: day + 8 * HOUR_MS,
      state: 'running',
      reason: 'start',
    });
    activity.push(day + 9 * HOUR_MS, day + 11 * HOUR_MS);
    if (lastUse === 14) activity.push(day + 14 * HOUR_MS);
    transitions.push({ at: stop, state: 'stopped', reason: AUTO_STOP_REASON });
  }
  return { transitions, activity };
}

/**
 * Writes an example cost history for freshly seeded environments, so the
 * cost pages of a new demo show a month of figures: production and staging
 * ran the whole time; development and preview environments ran on working
 * days and were stopped by the idle policy in the evenings. The history ends
 * an hour ago; the engine's own ledger continues from there.
 */
export async function seedCostHistory(options: {
  store: Pick<
    EnvironmentsStore,
    'openServiceInterval' | 'closeServiceIntervals' | 'recordActivity'
  >;
  environments: StoredEnvironment[];
  days: number;
  now?: Date;
}): Promise<void> {
  const { store, environments, days } = options;
  const now = (options.now ?? new Date()).getTime();
  const end = now - HOUR_MS;
  const today = Math.floor(now / DAY_MS) * DAY_MS;
  for (const [index, environment] of environments.entries()) {
    const span = environment.mode === 'preview' ? Math.min(days, 5) : days;
    const start = today - span * DAY_MS;
    const alwaysOn =
      environment.mode === 'production' || environment.mode === 'staging';
    const { transitions, activity } = alwaysOn
      ? {
          transitions: [
            { at: start, state: 'running' as const, reason: 'create' },
          ],
          activity: [] as number[],
        }
      : workingDays(start, end, index);
    for (const transition of transitions) {
      const at = new Date(transition.at);
      await store.closeServiceIntervals(environment.id, at);
      for (const interval of serviceIntervals(
        environment,
        transition.state,
        transition.reason,
      )) {
        await store.openServiceInterval(interval, at);
      }
    }
    await store.closeServiceIntervals(environment.id, new Date(end));
    for (const at of activity) {
      await store.recordActivity(environment.id, {
        kind: 'view',
        actor: SEED_ACTOR,
        at: new Date(at),
      });
    }
  }
}
