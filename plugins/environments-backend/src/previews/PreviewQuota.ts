import type {
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { JsonObject, JsonValue } from '@backstage/types';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import {
  DEFAULT_POLICY_PRIORITY,
  decidePreviewSlot,
  hasPreviewQuota,
  previewQuotaUsage,
  queuedPreviewsToStart,
  toQuotaPreview,
  type AttentionItem,
  type Environment,
  type OperationType,
  type PreviewQuotaReport,
  type PreviewQuotaSettings,
  type RunningPreview,
} from '@greenroom/plugin-environments-common';
import type {
  EnvironmentAccessFilter,
  EnvironmentsStore,
  NewOperation,
} from '../storage/types';
import { OPERATION_STEPS } from '../engine/steps';
import type { EnvironmentCommands } from '../service/EnvironmentCommands';

export const PREVIEW_NOTIFICATION_TOPIC = 'greenroom-previews';

/** Who stops and starts previews for the quota, in operations and audit. */
export const PREVIEW_QUOTA_ACTOR = 'service:environments/preview-quota';

const PAGE = 500;

/** The first operation of a queued preview, kept until it may run. */
interface Deferred {
  type: Extract<OperationType, 'create' | 'clone'>;
  input: JsonValue;
}

/**
 * The I/O of the quotas of running previews per system and per team: reads
 * the previews, stops the ones {@link decidePreviewSlot} reclaims (notifying
 * their owners), starts queued ones when slots free up, and reports usage.
 */
export class PreviewQuota {
  constructor(
    private readonly options: {
      store: EnvironmentsStore;
      notifications: NotificationService;
      logger: LoggerService;
      quota: PreviewQuotaSettings;
      /** Tells the engine new work is queued. */
      wake: () => void;
    },
  ) {}

  /**
   * Makes room for a preview about to run (stopping what its system's and
   * team's quotas reclaim), or returns the attention item that queues it.
   * `name` is left out of the count (a preview being started).
   */
  async admit(preview: {
    name: string;
    system: string;
    /** Its team: the quota per team counts previews by owner. */
    owner: string;
    /** The policy's priority; unset counts as the schema default, 50. */
    priority?: number;
    /**
     * Which of these previews the requester may stop (the permission
     * policy's say); the others are never reclaimed for this request.
     * Unset: all may be (the plugin's own jobs).
     */
    mayReclaim?: (names: string[]) => Promise<boolean[]>;
  }): Promise<AttentionItem | undefined> {
    const { quota, store, logger } = this.options;
    if (!hasPreviewQuota(quota)) return undefined;
    const asking = {
      system: preview.system,
      owner: preview.owner,
      priority: preview.priority ?? DEFAULT_POLICY_PRIORITY,
    };
    const running: RunningPreview[] = (await this.#listPreviews())
      .map(toQuotaPreview)
      .filter(p => p.desiredState === 'running' && p.name !== preview.name)
      .filter(p => p.system === asking.system || p.owner === asking.owner)
      .map(({ name, system, owner, lastActivityAt, priority }) => ({
        name,
        system,
        owner,
        lastActivityAt,
        priority,
      }));
    let decision = decidePreviewSlot({ preview: asking, running, quota });
    if (preview.mayReclaim && decision.type !== 'admit') {
      // Asked only when something would be stopped: whom the requester may stop.
      const candidates = running.filter(p => p.priority <= asking.priority);
      const allowed = await preview.mayReclaim(candidates.map(p => p.name));
      candidates.forEach((p, i) => {
        p.reclaimable = allowed[i] === true;
      });
      decision = decidePreviewSlot({ preview: asking, running, quota });
    }
    if (decision.type === 'queue') {
      logger.info('Queued preview: no slot free', {
        environment: preview.name,
        system: preview.system,
      });
      return decision.attention;
    }
    if (decision.type === 'reclaim') {
      for (const victim of decision.stop) {
        await store.updateEnvironmentSpec(
          victim.name,
          { desiredState: 'stopped' },
          {
            operation: {
              type: 'stop',
              steps: [...OPERATION_STEPS.stop],
              requestedBy: PREVIEW_QUOTA_ACTOR,
              input: { reason: 'preview-quota' },
            },
          },
        );
        this.options.wake();
        logger.info('Stopped preview to make room', {
          environment: victim.name,
          for: preview.name,
          system: preview.system,
          owner: preview.owner,
        });
        await this.#notifyStopped(victim, preview.name);
      }
    }
    return undefined;
  }

  /**
   * The environment and first operation of a queued preview: created
   * stopped, with a `stop` operation that carries the create or clone to
   * run once a slot frees (see {@link PreviewQuota.deferredLaunch}).
   */
  static queuedFirstOperation(
    operation: NewOperation,
    deferred: Deferred['type'],
  ): NewOperation {
    return {
      ...operation,
      type: 'stop',
      steps: [...OPERATION_STEPS.stop],
      input: {
        reason: 'preview-quota',
        deferred: { type: deferred, input: operation.input ?? null },
      },
    };
  }

  /**
   * For a preview that was queued before it ever ran: the create or clone
   * that deploys it, to run instead of a plain `start`.
   */
  async deferredLaunch(
    environment: Pick<Environment, 'id'>,
  ): Promise<Deferred | undefined> {
    const operations = await this.options.store.listOperations(environment.id);
    if (operations.some(o => o.type === 'create' || o.type === 'clone')) {
      return undefined;
    }
    for (const operation of operations) {
      const deferred = (operation.input as JsonObject | undefined)?.deferred as
        | JsonObject
        | undefined;
      if (deferred?.type === 'create' || deferred?.type === 'clone') {
        return {
          type: deferred.type,
          input: deferred.input ?? null,
        };
      }
    }
    return undefined;
  }

  /**
   * Every minute on one replica, starts queued previews through the
   * service's lifecycle. Also runs without a quota, so previews queued under
   * an old one start.
   */
  async schedule(
    scheduler: SchedulerService,
    environments: Pick<EnvironmentCommands, 'lifecycle'>,
  ): Promise<void> {
    await scheduler.scheduleTask({
      id: 'environments-start-queued-previews',
      frequency: { minutes: 1 },
      timeout: { minutes: 5 },
      initialDelay: { seconds: 30 },
      scope: 'global',
      fn: signal =>
        this.startQueued(
          name =>
            environments.lifecycle(name, 'start', undefined, {
              actor: PREVIEW_QUOTA_ACTOR,
            }),
          signal,
        ),
    });
  }

  /** The scheduled task: starts queued previews, oldest first, while there is room. */
  async startQueued(
    start: (name: string) => Promise<unknown>,
    signal?: AbortSignal,
  ): Promise<void> {
    const previews = (await this.#listPreviews()).map(toQuotaPreview);
    const names = queuedPreviewsToStart({
      previews,
      quota: this.options.quota,
    });
    for (const name of names) {
      if (signal?.aborted) return;
      try {
        await start(name);
        this.options.logger.info('Started queued preview', {
          environment: name,
        });
      } catch (error) {
        this.options.logger.warn(
          `Could not start queued preview ${name}`,
          error as Error,
        );
      }
    }
  }

  /**
   * How full the quotas are. Counts include every preview; only those in
   * `access` (what the caller may read) are named.
   */
  async usage(access: EnvironmentAccessFilter): Promise<PreviewQuotaReport> {
    const report = previewQuotaUsage({
      previews: (await this.#listPreviews()).map(toQuotaPreview),
      quota: this.options.quota,
    });
    const readable = new Set(
      (await this.#listPreviews(access)).map(p => p.name),
    );
    const named = (usage: PreviewQuotaReport['systems']) =>
      usage.map(u => ({
        ...u,
        previews: u.previews.filter(p => readable.has(p.name)),
      }));
    return {
      ...report,
      systems: named(report.systems),
      teams: named(report.teams),
    };
  }

  async #listPreviews(
    access: EnvironmentAccessFilter = { allow: 'all' },
  ): Promise<Environment[]> {
    const all: Environment[] = [];
    for (let offset = 0; ; offset += PAGE) {
      const { items } = await this.options.store.listEnvironments({
        filter: { mode: 'preview' },
        access,
        sort: 'name',
        limit: PAGE,
        offset,
      });
      all.push(...items);
      if (items.length < PAGE) return all;
    }
  }

  async #notifyStopped(
    victim: { name: string; owner: string },
    forName: string,
  ): Promise<void> {
    try {
      await this.options.notifications.send({
        recipients: { type: 'entity', entityRef: victim.owner },
        payload: {
          title: `Preview ${victim.name} was stopped to make room`,
          description: `The running previews of its system or team reached their quota; ${victim.name} was the longest idle of the lowest priority, so it was stopped for ${forName}. Start it again from its page when you need it.`,
          link: `/environments/${encodeURIComponent(victim.name)}`,
          severity: 'normal',
          topic: PREVIEW_NOTIFICATION_TOPIC,
        },
      });
    } catch (error) {
      this.options.logger.warn(
        `Could not notify the owner of preview ${victim.name}`,
        error as Error,
      );
    }
  }
}
