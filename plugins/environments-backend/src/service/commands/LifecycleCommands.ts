import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  Environment,
  OperationType,
  PREVIEW_QUEUED_ITEM,
  durationSchema,
  extendedExpiry,
  parseDuration,
} from '@greenroom/plugin-environments-common';
import { z } from 'zod';
import type {
  EnvironmentHeader,
  EnvironmentSpecChange,
  EnvironmentSpecPatch,
  NewOperation,
  OperationRecord,
} from '../../storage/types';
import { checkExpiry, latestExpiry } from '../limits';
import { IdempotencyKeyReusedError } from '../idempotency';
import { CommandSupport, parseInput } from './CommandSupport';
import type { RequestContext } from './RequestContext';

/** Actors of this plugin's background jobs; no request principal maps to one. */
const SYSTEM_ACTOR_PREFIX = 'service:environments/';

const extendSchema = z.strictObject({
  by: durationSchema,
  /**
   * Renew instead of add: the expiry becomes at least now + by (unchanged
   * when already later), as a preview renewed on each push needs.
   */
  renew: z.boolean({ error: 'must be true or false' }).optional(),
});

/** Stop and destroy ask again when other environments share this one. */
const forceSchema = z.strictObject({
  force: z.boolean({ error: 'must be true or false' }).optional(),
});

type LifecycleAction = 'stop' | 'start' | 'destroy' | 'extend' | 'reapply';

/** One request of {@link LifecycleCommands.lifecycleBatch}. */
export interface LifecycleRequest {
  name: string;
  action: 'stop' | 'start' | 'destroy';
  ctx: RequestContext;
}

/** What became of one request: its operation (replayed or queued), or why not. */
export type LifecycleOutcome =
  | { operation: OperationRecord; replayed?: true }
  | { error: Error };

/**
 * Stop, start, destroy, extend and re-apply, for users and the plugin's
 * background jobs alike. Starting a preview waits for a slot of the preview quota.
 */
export class LifecycleCommands {
  constructor(private readonly support: CommandSupport) {}

  async lifecycle(
    name: string,
    action: LifecycleAction,
    body: unknown,
    ctx: RequestContext,
  ): Promise<{ environment?: Environment; operation: OperationRecord }> {
    const { support } = this;
    const replay = await support.replay(ctx);
    if (replay) return replay;
    // A lifecycle action changes only the row: no services or variables read.
    const current = await support.getUndestroyedHeader(name);
    support.checkPrecondition(current, ctx);
    const { spec, type, input } = await this.#prepare(
      current,
      action,
      body,
      ctx,
    );
    const { environment, operation } =
      await support.options.store.updateEnvironmentSpec(name, spec, {
        expectedRevision: ctx.expectedRevision,
        operation: support.operation(type, ctx, input),
        // Acting counts as activity, written in the same transaction.
        activity: action === 'destroy' ? undefined : support.activity(ctx),
      });
    support.options.wake();
    return { environment, operation: operation! };
  }

  /**
   * Stops, starts and destroys of several environments, as {@link lifecycle}
   * makes each (replay, precondition, the action's checks, activity,
   * operation, change event), with the reads and writes of all in a few
   * queries: one outcome per request, in order; one request failing its
   * checks fails alone. A preview's start under a quota takes a slot, which
   * the others' order decides: it goes through {@link lifecycle}, after them.
   */
  async lifecycleBatch(
    requests: LifecycleRequest[],
  ): Promise<LifecycleOutcome[]> {
    const { support } = this;
    const { store } = support.options;
    const outcomes: Array<LifecycleOutcome | undefined> = requests.map(
      () => undefined,
    );
    const replays = await this.#replays(requests);
    const headers = new Map(
      (
        await store.getEnvironmentHeaders([
          ...new Set(requests.map(r => r.name)),
        ])
      ).map(h => [h.name, h]),
    );
    const changes: EnvironmentSpecChange[] = [];
    const changed: number[] = [];
    const alone: number[] = [];
    for (const [i, { name, action, ctx }] of requests.entries()) {
      const replay = replays[i];
      if (replay) {
        outcomes[i] = replay;
        continue;
      }
      const current = headers.get(name);
      if (
        support.options.previewQuota &&
        action === 'start' &&
        current?.mode === 'preview'
      ) {
        alone.push(i);
        continue;
      }
      try {
        if (!current) throw new NotFoundError(`No environment named '${name}'`);
        if (current.desiredState === 'deleted') {
          throw new ConflictError(`Environment '${name}' is being destroyed`);
        }
        support.checkPrecondition(current, ctx);
        const { spec, type, input } = await this.#prepare(
          current,
          action,
          undefined,
          ctx,
        );
        changes.push({
          name,
          patch: spec,
          expectedRevision: ctx.expectedRevision,
          operation: support.operation(type, ctx, input),
          activity: action === 'destroy' ? undefined : support.activity(ctx),
        });
        changed.push(i);
      } catch (error) {
        outcomes[i] = { error: error as Error };
      }
    }
    const written = await store.updateEnvironmentSpecs(changes);
    written.forEach((outcome, j) => {
      outcomes[changed[j]] =
        'error' in outcome ? outcome : { operation: outcome.operation! };
    });
    if (changes.length > 0) support.options.wake();
    for (const i of alone) {
      const { name, action, ctx } = requests[i];
      try {
        const { operation } = await this.lifecycle(
          name,
          action,
          undefined,
          ctx,
        );
        outcomes[i] = { operation };
      } catch (error) {
        outcomes[i] = { error: error as Error };
      }
    }
    return outcomes as LifecycleOutcome[];
  }

  /** The requests answered before (same caller, same key), by index. */
  async #replays(
    requests: LifecycleRequest[],
  ): Promise<Array<LifecycleOutcome | undefined>> {
    const keysByActor = new Map<string, string[]>();
    for (const { ctx } of requests) {
      if (!ctx.idempotencyKey) continue;
      const keys = keysByActor.get(ctx.actor) ?? [];
      keys.push(ctx.idempotencyKey);
      keysByActor.set(ctx.actor, keys);
    }
    const found = new Map<
      string,
      Map<string, { operation: OperationRecord; requestFingerprint?: string }>
    >();
    for (const [actor, keys] of keysByActor) {
      found.set(
        actor,
        await this.support.options.store.findOperationsByIdempotencyKeys(
          actor,
          keys,
        ),
      );
    }
    return requests.map(({ ctx }) => {
      const replay =
        ctx.idempotencyKey && found.get(ctx.actor)?.get(ctx.idempotencyKey);
      if (!replay) return undefined;
      if (
        replay.requestFingerprint &&
        ctx.requestFingerprint &&
        replay.requestFingerprint !== ctx.requestFingerprint
      ) {
        return { error: new IdempotencyKeyReusedError() };
      }
      return { operation: replay.operation, replayed: true };
    });
  }

  /**
   * What a lifecycle action writes: the row's change and the operation,
   * after the action's checks (reapply only when running, the preview quota
   * for starts, dependants for stops and destroys, extend's limits, reason).
   */
  async #prepare(
    current: EnvironmentHeader,
    action: LifecycleAction,
    body: unknown,
    ctx: RequestContext,
  ): Promise<{
    spec: EnvironmentSpecPatch;
    type: OperationType;
    input: NewOperation['input'];
  }> {
    const { support } = this;
    const { name } = current;
    let spec: EnvironmentSpecPatch = {};
    let input: NewOperation['input'];
    if (action === 'stop') spec = { desiredState: 'stopped' };
    if (action === 'start') spec = { desiredState: 'running' };
    if (action === 'reapply' && current.desiredState !== 'running') {
      throw new ConflictError(
        `Environment '${name}' is ${current.desiredState}: only a running environment is re-applied; start it instead`,
      );
    }
    // Re-applying is an update that changes nothing: the runtime converges.
    let type: OperationType = action === 'reapply' ? 'update' : action;
    const queuedItem = current.attention.find(
      a => a.item === PREVIEW_QUEUED_ITEM,
    );
    if (queuedItem && (action === 'stop' || action === 'start')) {
      // Stopped or started by hand, it no longer waits for the quota.
      spec.attention = current.attention.filter(a => a !== queuedItem);
    }
    if (
      support.options.previewQuota &&
      action === 'start' &&
      current.mode === 'preview' &&
      current.desiredState !== 'running'
    ) {
      const deferred = await this.#admitPreview(current, !!queuedItem, ctx);
      if (deferred) {
        type = deferred.type;
        input = deferred.input;
      }
    }
    if (action === 'stop' || action === 'destroy') {
      await this.#checkDependants(current, action, body, ctx);
    }
    if (action === 'destroy') spec = { desiredState: 'deleted' };
    if (action === 'extend') input = this.#extendInput(current, body);
    if (ctx.reason !== undefined) {
      if (!ctx.actor.startsWith(SYSTEM_ACTOR_PREFIX)) {
        throw new InputError(
          "reason: only the plugin's own background jobs give a reason",
        );
      }
      input = {
        ...(input && typeof input === 'object' && !Array.isArray(input)
          ? input
          : {}),
        reason: ctx.reason,
      };
    }
    return { spec, type, input };
  }

  /**
   * A stopped preview starts only with a free slot of its system's and team's quotas:
   * otherwise it is marked queued (once) and the start is a 409. Returns
   * the deferred first deploy of a preview queued before it ever ran.
   */
  async #admitPreview(
    current: EnvironmentHeader,
    alreadyQueued: boolean,
    ctx: RequestContext,
  ) {
    const { store, previewQuota } = this.support.options;
    // A stale request must not stop other previews before it fails.
    if (
      ctx.expectedRevision !== undefined &&
      ctx.expectedRevision !== current.revision
    ) {
      throw new ConflictError(
        `environment '${current.name}' has revision ${current.revision}, not ${ctx.expectedRevision}`,
      );
    }
    const queued = await previewQuota!.admit({
      name: current.name,
      system: current.system,
      owner: current.owner,
      priority: current.policy.priority,
      mayReclaim: this.support.mayReclaim(ctx),
    });
    if (queued) {
      if (!alreadyQueued) {
        await store.updateEnvironmentSpec(
          current.name,
          { attention: [...current.attention, queued] },
          { expectedRevision: ctx.expectedRevision },
        );
      }
      throw new ConflictError(
        `Preview '${current.name}' is queued and starts when a slot frees. ${queued.reason}`,
      );
    }
    // Queued before it ever ran: deploy it now.
    return previewQuota!.deferredLaunch(current);
  }

  /**
   * Environments that share this one's services lose them when it stops or
   * goes: a person confirms with `force` (409 naming them otherwise); the
   * plugin's own jobs go ahead, and the dependants' reads say the base is down.
   */
  async #checkDependants(
    current: EnvironmentHeader,
    action: 'stop' | 'destroy',
    body: unknown,
    ctx: RequestContext,
  ) {
    const { force } = parseInput(forceSchema, body ?? {});
    if (force || ctx.actor.startsWith(SYSTEM_ACTOR_PREFIX)) return;
    const dependants = await this.support.options.store.listDependants(
      current.id,
    );
    if (dependants.length === 0) return;
    const names = dependants.map(d => d.name);
    throw new ConflictError(
      `force: environment '${current.name}' is shared by ${names.join(
        ', ',
      )}: their shared services stop answering while it is ${
        action === 'stop' ? 'stopped' : 'gone'
      }; confirm (force) to ${action} it anyway`,
    );
  }

  /**
   * What the extend operation is given. The engine computes the expiry when
   * it runs, never past the limit as of this request; the check here gives
   * the request a clear answer.
   */
  #extendInput(
    current: EnvironmentHeader,
    body: unknown,
  ): NewOperation['input'] {
    const { by, renew } = parseInput(extendSchema, body ?? {});
    if (!current.expiresAt) {
      throw new ConflictError(
        `by: environment '${current.name}' has no expiry to extend`,
      );
    }
    const { limits } = this.support.options.config;
    const now = this.support.now().getTime();
    const expiresAt = Date.parse(current.expiresAt);
    const next = extendedExpiry({
      expiresAt,
      byMs: parseDuration(by),
      now,
      renew,
    });
    if (next > expiresAt) {
      checkExpiry(limits, current.mode, next, now, 'by');
    }
    const latest = latestExpiry(limits, current.mode, now);
    return {
      by,
      ...(renew ? { renew } : {}),
      ...(latest ? { notAfter: latest } : {}),
    };
  }
}
