import { AUTO_STOP_REASON } from '@greenroom/plugin-environments-common';
import type { EnvironmentsStore, StoredEnvironment } from '../storage/types';
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

/** Hours from midnight UTC. */
interface DayPlan {
  start: number;
  /** When the policy stops it; undefined: runs through the night. */
  stop?: number;
  activity: number[];
}

/**
 * The example week of each mode: production runs all the time and is used
 * every hour; staging runs on working days by its schedule and is used
 * during the day; development and preview environments are started in the
 * morning, used a few times and stopped by the idle policy two hours after
 * their last use. Weekends stay stopped (production excepted).
 */
function dayPlan(mode: string, day: number, seed: number): DayPlan | undefined {
  if (mode === 'production') {
    return { start: 0, activity: Array.from({ length: 24 }, (_, h) => h) };
  }
  const weekday = new Date(day).getUTCDay();
  if (weekday === 0 || weekday === 6) return undefined;
  if (mode === 'staging') {
    return { start: 6, stop: 20, activity: [8, 10, 12, 14, 16] };
  }
  const lastUse = (day / DAY_MS + seed) % 3 === 0 ? 11 : 14;
  return {
    start: 8,
    stop: lastUse + 2,
    activity: lastUse === 14 ? [9, 11, 14] : [9, 11],
  };
}

function history(
  mode: string,
  from: number,
  to: number,
  seed: number,
): { transitions: Transition[]; activity: number[] } {
  const transitions: Transition[] = [];
  const activity: number[] = [];
  let running = false;
  for (let day = from; day < to; day += DAY_MS) {
    const plan = dayPlan(mode, day, seed);
    if (!plan) continue;
    if (!running) {
      transitions.push({
        at: day + plan.start * HOUR_MS,
        state: 'running',
        reason: 'start',
      });
      running = true;
    }
    activity.push(
      ...plan.activity.map(h => day + h * HOUR_MS).filter(at => at < to),
    );
    if (plan.stop !== undefined && day + plan.stop * HOUR_MS < to) {
      transitions.push({
        at: day + plan.stop * HOUR_MS,
        state: 'stopped',
        reason: AUTO_STOP_REASON,
      });
      running = false;
    }
  }
  return { transitions, activity };
}

/**
 * Writes an example cost history for freshly seeded environments, so the
 * cost pages of a new demo show a month of figures (see {@link dayPlan}).
 * The history ends an hour ago; the engine's own ledger continues from
 * there.
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
    const { transitions, activity } = history(
      environment.mode,
      start,
      end,
      index,
    );
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
