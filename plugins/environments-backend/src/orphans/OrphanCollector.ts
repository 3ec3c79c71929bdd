import type {
  AuditorService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type {
  EnvironmentRuntime,
  ManagedDatabaseProvider,
  ManagedEnvironmentRef,
  OrphanContext,
} from '@greenroom/plugin-environments-node';
import type { EnvironmentsConfig } from '../config';
import type { EnvironmentsStore } from '../storage/types';
import type { OrphanSightings } from './OrphanSightings';

/** A runtime or managed database provider, as orphan collection sees it. */
export interface OrphanSource {
  /** E.g. `runtime:kubernetes` or `database:aws-rds`. */
  name: string;
  listManaged(): Promise<ManagedEnvironmentRef[]>;
  destroyOrphan?(ref: ManagedEnvironmentRef, ctx: OrphanContext): Promise<void>;
}

export type OrphanAction = 'delete' | 'report';

export interface OrphanFinding {
  source: string;
  ref: ManagedEnvironmentRef;
  firstSeenAt: string;
  /** `waiting`: still inside the grace period. */
  outcome: 'waiting' | 'reported' | 'deleted' | 'failed';
  error?: string;
}

export interface OrphanCollectionResult {
  /** Sources whose listing failed: nothing of theirs was touched. */
  failedSources: string[];
  findings: OrphanFinding[];
}

export interface OrphanCollectorOptions {
  sources: OrphanSource[];
  store: Pick<EnvironmentsStore, 'getEnvironment' | 'getEnvironmentById'>;
  sightings: OrphanSightings;
  auditor: AuditorService;
  logger: LoggerService;
  action: OrphanAction;
  /** How long something must stay orphaned before it is deleted. */
  graceMs: number;
  now?: () => Date;
}

function keyOf(source: string, ref: ManagedEnvironmentRef): string {
  return [
    source,
    ref.target ?? '',
    ref.environmentName,
    ref.environmentId ?? '',
  ].join('|');
}

/**
 * Finds what runtimes and database providers manage for environments that no
 * longer exist (a lost destroy, a restored database, a deleted row) and
 * deletes it once it has stayed orphaned for the grace period. Anything an
 * environment of that name or id still owns is never touched, and a failed
 * listing skips its source rather than act on part of it.
 */
export class OrphanCollector {
  readonly #options: OrphanCollectorOptions;

  constructor(options: OrphanCollectorOptions) {
    this.#options = options;
  }

  /** Runs on one replica at a time, at `environments.orphans.frequency`. */
  async schedule(
    scheduler: SchedulerService,
    config: Pick<EnvironmentsConfig, 'orphans'>,
  ): Promise<void> {
    await scheduler.scheduleTask({
      id: 'environments-orphan-collection',
      frequency: { milliseconds: config.orphans.frequencyMs },
      timeout: { minutes: 30 },
      initialDelay: { minutes: 2 },
      scope: 'global',
      fn: async signal => {
        await this.collect(signal);
      },
    });
  }

  async collect(signal?: AbortSignal): Promise<OrphanCollectionResult> {
    const result: OrphanCollectionResult = { failedSources: [], findings: [] };
    for (const source of this.#options.sources) {
      if (signal?.aborted) break;
      let refs: ManagedEnvironmentRef[];
      try {
        refs = await source.listManaged();
      } catch (error) {
        this.#options.logger.warn(
          `Orphan collection skipped ${source.name}: its listing failed`,
          error as Error,
        );
        result.failedSources.push(source.name);
        continue;
      }
      const orphanKeys: string[] = [];
      for (const ref of refs) {
        if (signal?.aborted) return result;
        if (await this.#owned(ref)) continue;
        const key = keyOf(source.name, ref);
        orphanKeys.push(key);
        result.findings.push(await this.#handle(source, ref, key, signal));
      }
      await this.#options.sightings.forgetOthers(source.name, orphanKeys);
    }
    return result;
  }

  /** An environment with that id, or that name, still owns it. */
  async #owned(ref: ManagedEnvironmentRef): Promise<boolean> {
    const { store } = this.#options;
    if (
      ref.environmentId &&
      (await store.getEnvironmentById(ref.environmentId))
    )
      return true;
    return (await store.getEnvironment(ref.environmentName)) !== undefined;
  }

  async #handle(
    source: OrphanSource,
    ref: ManagedEnvironmentRef,
    key: string,
    signal?: AbortSignal,
  ): Promise<OrphanFinding> {
    const { sightings, logger, action, graceMs, auditor } = this.#options;
    const now = this.#options.now?.() ?? new Date();
    const firstSeen = await sightings.firstSeen(source.name, key, now);
    const finding: OrphanFinding = {
      source: source.name,
      ref,
      firstSeenAt: firstSeen.toISOString(),
      outcome: 'waiting',
    };
    if (now.getTime() - firstSeen.getTime() < graceMs) return finding;

    const about = {
      source: source.name,
      environment: ref.environmentName,
      environmentId: ref.environmentId ?? null,
      target: ref.target ?? null,
      firstSeenAt: finding.firstSeenAt,
    };
    if (action === 'report' || !source.destroyOrphan) {
      logger.warn(
        `Orphaned resources of environment ${ref.environmentName} in ${
          source.name
        }${ref.target ? ` (${ref.target})` : ''}; ${
          source.destroyOrphan
            ? 'environments.orphans.action is report: delete them by hand'
            : 'this source cannot delete them: delete them by hand'
        }`,
        about,
      );
      return { ...finding, outcome: 'reported' };
    }

    const event = await auditor.createEvent({
      eventId: 'environment-orphan-delete',
      severityLevel: 'high',
      meta: about,
    });
    try {
      await source.destroyOrphan(ref, {
        signal: signal ?? new AbortController().signal,
        logger: logger.child({
          source: source.name,
          environment: ref.environmentName,
        }),
      });
      await event.success();
      await sightings.forget(key);
      logger.info(
        `Deleted orphaned resources of environment ${ref.environmentName} in ${source.name}`,
        about,
      );
      return { ...finding, outcome: 'deleted' };
    } catch (error) {
      await event.fail({ error: error as Error });
      logger.warn(
        `Could not delete orphaned resources of environment ${ref.environmentName} in ${source.name}; will try again`,
        error as Error,
      );
      return { ...finding, outcome: 'failed', error: (error as Error).message };
    }
  }
}

/** What can hold orphans: every real runtime and the managed database provider. */
export function orphanSourcesOf(
  runtimes: EnvironmentRuntime[],
  provider?: ManagedDatabaseProvider,
): OrphanSource[] {
  const owners: Array<{
    name: string;
    owner: EnvironmentRuntime | ManagedDatabaseProvider;
  }> = [
    // A simulated runtime deploys nothing that could be left behind.
    ...runtimes
      .filter(runtime => !runtime.simulated)
      .map(runtime => ({ name: `runtime:${runtime.type}`, owner: runtime })),
    ...(provider
      ? [{ name: `database:${provider.type}`, owner: provider }]
      : []),
  ];
  return owners.map(({ name, owner }) => ({
    name,
    listManaged: () => owner.listManaged(),
    ...(owner.destroyOrphan
      ? { destroyOrphan: owner.destroyOrphan.bind(owner) }
      : {}),
  }));
}
