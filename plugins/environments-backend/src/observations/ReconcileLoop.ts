import type {
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { EnvironmentStatus } from '@greenroom/plugin-environments-common';
import { mapWithConcurrency } from '@greenroom/plugin-environments-node';
import { observedIntervals } from '../engine/ledger';
import { statusFromObserved } from '../engine/observedState';
import type { EnvironmentsStore } from '../storage/types';
import type { EnvironmentObserver } from './EnvironmentObserver';
import { OBSERVED_STATUSES, type ObservationStore } from './ObservationStore';

/** How the reconcile loop paces itself (`environments.reconcile`). */
export interface ReconcileSettings {
  /** How often the task wakes up to look for environments that are due. */
  frequencyMs: number;
  /** How long after an observation an environment is observed again. */
  intervalMs: number;
  /** The longest wait after failed observations in a row. */
  maxBackoffMs: number;
  /** Environments read per page. */
  pageSize: number;
  /** Environments observed at once. */
  concurrency: number;
}

/** Statuses an observation may move between: an operation owns the others. */
const OBSERVABLE: EnvironmentStatus[] = ['running', 'degraded'];

/**
 * Observes running environments without anyone acting: a pod that starts
 * crash-looping turns its environment `degraded` within one interval,
 * objects changed out of band are reported as drift, and the cost ledger
 * follows what runs (e.g. replicas scaled with kubectl). One replica at a time
 * (a global task), page by page, a few environments at once; an environment
 * whose observation fails waits twice as long each time, up to a ceiling.
 */
export interface ReconcileLoopOptions {
  store: Pick<
    EnvironmentsStore,
    | 'getEnvironmentById'
    | 'updateEnvironmentStatus'
    | 'reconcileRunningIntervals'
  >;
  observations: ObservationStore;
  observer: EnvironmentObserver;
  logger: LoggerService;
  settings: ReconcileSettings;
  /**
   * Says that what readers see of an environment changed while its status
   * did not (a status change is announced by the store), so the catalog
   * entity and the PR comment follow.
   */
  announce?: (environmentName: string) => void;
  now?: () => Date;
}

/** What one pass did. */
export interface ReconcileResult {
  observed: number;
  failed: number;
  /** Environments whose status the observation changed. */
  changed: string[];
}

export class ReconcileLoop {
  readonly #options: ReconcileLoopOptions;
  readonly #now: () => Date;

  constructor(options: ReconcileLoopOptions) {
    this.#options = options;
    this.#now = options.now ?? (() => new Date());
  }

  async schedule(scheduler: SchedulerService): Promise<void> {
    const { frequencyMs } = this.#options.settings;
    await scheduler.scheduleTask({
      id: 'environments-reconcile',
      frequency: { milliseconds: frequencyMs },
      // A pass stops taking new pages once its time is up; the next one goes on.
      timeout: { milliseconds: Math.max(frequencyMs * 5, 60_000) },
      initialDelay: { seconds: 30 },
      scope: 'global',
      fn: async signal => {
        await this.reconcile(signal);
      },
    });
  }

  /** Observes every environment that is due, page by page, until none is or time is up. */
  async reconcile(signal?: AbortSignal): Promise<ReconcileResult> {
    const { observations, settings } = this.#options;
    const result: ReconcileResult = { observed: 0, failed: 0, changed: [] };
    const startedAt = this.#now().getTime();
    while (!signal?.aborted) {
      const ids = await observations.due(this.#now(), settings.pageSize);
      if (ids.length === 0) break;
      await mapWithConcurrency(ids, settings.concurrency, async id => {
        if (signal?.aborted) return;
        await this.#observeOne(id, result);
      });
      // Every environment of the page now waits for its next turn, so the
      // next page holds others; a long pass yields to the next run.
      if (this.#now().getTime() - startedAt >= settings.frequencyMs * 4) break;
    }
    if (result.observed + result.failed > 0) {
      this.#options.logger.debug(
        `Reconciled ${result.observed} environments (${result.failed} failed, ${result.changed.length} changed status)`,
      );
    }
    return result;
  }

  async #observeOne(id: string, result: ReconcileResult): Promise<void> {
    const { store, observations, observer, settings, logger } = this.#options;
    const environment = await store.getEnvironmentById(id);
    if (!environment) return;
    const now = this.#now();
    try {
      const observed = await observer.observe(environment);
      // A stop or destroy that began while the runtime was asked owns what
      // is shown now; a late observation of the running services is dropped.
      const current = await store.getEnvironmentById(id);
      if (!current || !OBSERVED_STATUSES.includes(current.status)) return;
      const seenChanged = await observations.record(
        id,
        observed,
        new Date(now.getTime() + settings.intervalMs),
      );
      result.observed += 1;
      // Scale changes and volumes made outside Greenroom are billed from now.
      await store.reconcileRunningIntervals(
        observedIntervals(current, observed),
        now,
      );
      const status = statusFromObserved(observed);
      if (
        OBSERVABLE.includes(environment.status) &&
        status !== environment.status
      ) {
        await store.updateEnvironmentStatus(id, {
          status,
          onlyIfStatusIn: OBSERVABLE,
        });
        result.changed.push(environment.name);
      } else if (seenChanged) {
        this.#options.announce?.(environment.name);
      }
    } catch (error) {
      result.failed += 1;
      const message = (error as Error)?.message ?? String(error);
      const failures = await observations.recordFailure(
        id,
        message,
        inARow => new Date(now.getTime() + backoffMs(inARow, settings)),
      );
      logger.warn(
        `Could not observe environment ${environment.name} (${failures} failures in a row): ${message}`,
      );
    }
  }
}

/** The wait before observing again after `failures` failures in a row: doubling, capped. */
export function backoffMs(
  failures: number,
  settings: Pick<ReconcileSettings, 'intervalMs' | 'maxBackoffMs'>,
): number {
  return Math.min(settings.intervalMs * 2 ** failures, settings.maxBackoffMs);
}
