import type {
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { ActivitySource } from '@greenroom/plugin-environments-node';
import type { EnvironmentsConfig } from '../config';
import type { EnvironmentsStore } from '../storage/types';
import type { PolicyStore } from './PolicyStore';

const PAGE = 500;
const KIND = /^[a-z][a-z0-9-]{0,63}$/;

export interface ActivityPollerOptions {
  store: EnvironmentsStore;
  policyStore: PolicyStore;
  sources: ActivitySource[];
  logger: LoggerService;
  /** How far back the first read of a source looks. Default 5 minutes. */
  initialLookbackMs?: number;
  now?: () => Date;
}

/** What one poll recorded, for logs and tests. */
export interface ActivityPollResult {
  recorded: number;
  ignored: number;
  failedSources: string[];
}

/**
 * The scheduled read of every registered ActivitySource: asks each for what
 * happened since it was last read (the cursor in `activity_cursors`) and
 * records it like `POST /environments/{name}/activity`, so
 * `lastActivityAt` moves and the idle clock restarts. A source that fails
 * keeps its cursor and is read from there next time.
 */
export class ActivityPoller {
  constructor(private readonly options: ActivityPollerOptions) {}

  /**
   * Runs on one replica at a time, at `environments.activity.pollFrequency`;
   * without sources there is nothing to poll, and no task.
   */
  async schedule(
    scheduler: SchedulerService,
    config: Pick<EnvironmentsConfig, 'policySweep'>,
  ): Promise<void> {
    if (this.options.sources.length === 0) return;
    await scheduler.scheduleTask({
      id: 'environments-activity-poll',
      frequency: { milliseconds: config.policySweep.activityPollMs },
      timeout: { minutes: 5 },
      initialDelay: { seconds: 30 },
      scope: 'global',
      fn: async signal => {
        await this.poll(signal);
      },
    });
  }

  async poll(signal: AbortSignal): Promise<ActivityPollResult> {
    const result: ActivityPollResult = {
      recorded: 0,
      ignored: 0,
      failedSources: [],
    };
    const { sources, policyStore, store, logger } = this.options;
    if (sources.length === 0) return result;
    const ids = await this.#environmentIds();
    const environmentNames = [...ids.keys()];
    for (const source of sources) {
      if (signal.aborted) break;
      const until = this.#now();
      const since =
        (await policyStore.getActivityCursor(source.id)) ??
        new Date(
          until.getTime() - (this.options.initialLookbackMs ?? 5 * 60_000),
        );
      let events;
      try {
        events = await source.readActivity({
          since,
          environmentNames,
          signal,
        });
      } catch (error) {
        result.failedSources.push(source.id);
        logger.warn(
          `Could not read activity source ${source.id}`,
          error as Error,
        );
        continue;
      }
      for (const event of events) {
        const id = ids.get(event.environmentName);
        const at = event.at instanceof Date ? event.at.getTime() : NaN;
        if (!id || !Number.isFinite(at)) {
          result.ignored += 1;
          continue;
        }
        await store.recordActivity(id, {
          kind: KIND.test(event.kind) ? event.kind : 'activity',
          actor: event.actor,
          // Never in the future: that would keep an environment busy forever.
          at: new Date(Math.min(at, until.getTime())),
        });
        result.recorded += 1;
      }
      await policyStore.setActivityCursor(source.id, until);
    }
    if (result.recorded > 0) {
      logger.debug('Recorded activity from activity sources', {
        recorded: result.recorded,
      });
    }
    return result;
  }

  #now() {
    return this.options.now?.() ?? new Date();
  }

  /** Ids of every environment not being deleted, by name. */
  async #environmentIds(): Promise<Map<string, string>> {
    const ids = new Map<string, string>();
    for (let offset = 0; ; offset += PAGE) {
      const { items } = await this.options.store.listEnvironments({
        filter: {},
        access: { allow: 'all' },
        sort: 'name',
        limit: PAGE,
        offset,
      });
      for (const environment of items) {
        if (environment.desiredState !== 'deleted') {
          ids.set(environment.name, environment.id);
        }
      }
      if (items.length < PAGE) return ids;
    }
  }
}
