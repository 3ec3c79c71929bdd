import type {
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import {
  AUTO_STOP_REASON,
  Environment,
  EnvironmentMode,
  PolicyAction,
  decideEnvironmentPolicy,
  isPolicyActionAllowed,
  policyReadsLastLifecycle,
} from '@greenroom/plugin-environments-common';
import type { EnvironmentsConfig } from '../config';
import type { EnvironmentsStore, PolicyEnvironmentMs } from '../storage/types';
import type {
  EnvironmentCommands,
  LifecycleOutcome,
  RequestContext,
} from '../service/EnvironmentCommands';
import { POLICY_NOTIFICATION_TOPIC, POLICY_SWEEP_ACTOR } from './constants';
import {
  expiredNotice,
  expiryWarningNotice,
  idleStoppedNotice,
  idleWarningNotice,
} from './notices';
import { expiryPeriod, idleAfterOf, toSubject } from './policySubject';
import {
  noticeKey,
  type EnvironmentNameRange,
  type LifecycleOperationMs,
  type PolicyNotice,
  type PolicyStore,
} from './PolicyStore';

const PAGE = 2000;
/** Environments acted on at once (stops, starts, destroys). */
const ACT_CONCURRENCY = 4;
/** Notices older than this belong to periods long over. */
const NOTICE_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;
const IGNORED_STATUSES = new Set(['deleting', 'deleted', 'failed']);

/** The key of a policy action: one per environment, action and revision. */
type ActionKind = 'idle-stop' | 'schedule-stop' | 'schedule-start' | 'expire';

type NoticePayload = Parameters<NotificationService['send']>[0]['payload'];

/** A warning of a page, sent with the page's others. */
interface Warning {
  environment: PolicyEnvironmentMs;
  action: PolicyAction;
  notice: PolicyNotice;
  payload: () => NoticePayload;
}

/** The notices sent: when, by {@link noticeKey}, and to which environments. */
interface SentNotices {
  sentAt: Map<string, string>;
  environmentIds: Set<string>;
}

function sentNotices(notices: PolicyNotice[]): SentNotices {
  return {
    sentAt: new Map(notices.map(n => [noticeKey(n), n.sentAt])),
    environmentIds: new Set(notices.map(n => n.environmentId)),
  };
}

/** Which environments are busy and were noticed. */
interface SideFacts {
  busy: Set<string>;
  notices: SentNotices;
}

/** What the decisions of a page need besides its rows. */
interface PageFacts extends SideFacts {
  lifecycles: Map<string, LifecycleOperationMs>;
}

/** A page of environments, its range of names, and its facts being read. */
interface PageRead {
  page: PolicyEnvironmentMs[];
  range: EnvironmentNameRange;
  facts?: Promise<PageFacts>;
}

/** An environment of a page with one lifecycle action, acted on in a batch. */
interface Batched {
  environment: PolicyEnvironmentMs;
  action: PolicyAction;
  outcome: { done: boolean };
}

/** The lifecycle action a policy action takes, its key's kind and its reason. */
interface LifecycleOf {
  lifecycle: 'stop' | 'start' | 'destroy';
  kind: ActionKind;
  reason?: string;
}

function lifecycleOf(action: PolicyAction): LifecycleOf | undefined {
  switch (action.type) {
    case 'stop':
      return {
        lifecycle: 'stop',
        kind: action.reason === 'idle' ? 'idle-stop' : 'schedule-stop',
        reason: AUTO_STOP_REASON,
      };
    case 'start':
      return { lifecycle: 'start', kind: 'schedule-start' };
    case 'expire':
      return { lifecycle: 'destroy', kind: 'expire' };
    default:
      return undefined;
  }
}

/**
 * The Idempotency-Key of a policy action. The revision changes with every
 * change of desired state, so it names the period: two sweeps that saw the
 * same environment use the same key and the second gets the first's
 * operation instead of acting again.
 */
export function policyIdempotencyKey(
  kind: ActionKind,
  environment: Pick<Environment, 'id' | 'revision'>,
): string {
  return `policy/${kind}/${environment.id}/r${environment.revision}`;
}

/** What one sweep did, for logs and tests. */
export interface PolicySweepResult {
  checked: number;
  actions: Array<{ name: string; action: PolicyAction['type']; done: boolean }>;
}

export interface PolicySweepOptions {
  store: EnvironmentsStore;
  policyStore: PolicyStore;
  service: Pick<EnvironmentCommands, 'lifecycle' | 'lifecycleBatch'>;
  notifications: NotificationService;
  logger: LoggerService;
  /** Per-mode policy defaults; an unset `idleAfter` takes the mode's. */
  defaults?: Partial<Record<EnvironmentMode, { idleAfter?: string }>>;
  idleWarningLeadMs?: number;
  expiryWarningMs?: number;
  minimumExpiryNoticeMs?: number;
  pageSize?: number;
  now?: () => Date;
}

/**
 * The scheduled policy sweep: reads environments page by page, decides with
 * {@link decideEnvironmentPolicy} and acts through the service's lifecycle
 * as {@link POLICY_SWEEP_ACTOR}, so operations, ledger and events work as
 * for users. Owners are notified once per event (recorded in
 * `policy_notices`), and always before an automatic stop or deletion.
 * Production is never stopped or deleted: the decision refuses it, and so
 * does this class before acting.
 */
export class PolicySweep {
  readonly #options: PolicySweepOptions;
  readonly #logger: LoggerService;

  constructor(options: PolicySweepOptions) {
    this.#options = options;
    this.#logger = options.logger;
  }

  /** Runs on one replica at a time, at `environments.policies.sweepFrequency`. */
  async schedule(
    scheduler: SchedulerService,
    config: Pick<EnvironmentsConfig, 'policySweep'>,
  ): Promise<void> {
    await scheduler.scheduleTask({
      id: 'environments-policy-sweep',
      frequency: { milliseconds: config.policySweep.frequencyMs },
      timeout: { minutes: 5 },
      initialDelay: { seconds: 45 },
      scope: 'global',
      fn: async signal => {
        await this.sweep(signal);
      },
    });
  }

  async sweep(signal?: AbortSignal): Promise<PolicySweepResult> {
    const now = this.#options.now?.() ?? new Date();
    const result: PolicySweepResult = { checked: 0, actions: [] };
    // Old notices are dropped while the pages are read, which skip them:
    // one round trip less before the first page.
    const noticesSince = new Date(now.getTime() - NOTICE_RETENTION_MS);
    const dropped = this.#options.policyStore.deleteNoticesBefore(noticesSince);
    dropped.catch(() => {}); // awaited below
    const pageSize = this.#options.pageSize ?? PAGE;
    const { store } = this.#options;
    // Busy environments and notices are read once for all pages, beside the
    // first page. A page's actions claim notices of its own environments
    // only, but may make later pages' busy (a preview's start stops others
    // for its quota): after a page acts, the operations queued since it began
    // are added to the busy set all pages share. Other writers meanwhile are
    // caught by the revision precondition of every action, and notices by
    // their claims, as for pages read before anything acted.
    const everyPage = this.#readSideFacts(noticesSince);
    everyPage.catch(() => {}); // awaited with a page's facts
    const read = async (afterName?: string): Promise<PageRead> => {
      const page = await store.listPolicyEnvironmentsMs({
        afterName,
        limit: pageSize,
      });
      if (page.length === 0) return { page, range: { lastName: '' } };
      const range = { afterName, lastName: page[page.length - 1].name };
      const facts = this.#readFacts(page, everyPage);
      facts.catch(() => {}); // awaited, or dropped with the sweep
      return { page, range, facts };
    };
    let next: Promise<PageRead> | undefined = read();
    while (next) {
      const { page, range, facts }: PageRead = await next;
      if (page.length === 0 || signal?.aborted) break;
      // The next page and what its decisions need are read while this one is
      // decided and acted on: acting changes only this page's rows.
      next = page.length < pageSize ? undefined : read(range.lastName);
      next?.catch(() => {});
      const pageFacts = await facts!;
      // The clock the operations are stamped with; a second earlier, in case
      // it steps back while the page acts (more busy ones are still busy).
      const actingSince = new Date(
        (this.#options.now?.() ?? new Date()).getTime() - 1000,
      );
      if (await this.#sweepPage(page, pageFacts, now, result, signal)) {
        const madeBusy =
          await this.#options.policyStore.busyEnvironmentIdsSince(actingSince);
        madeBusy.forEach(id => pageFacts.busy.add(id));
      }
    }
    await dropped;
    if (result.actions.length > 0) {
      this.#logger.info('Policy sweep acted', {
        checked: result.checked,
        actions: result.actions.length,
      });
    }
    return result;
  }

  /** Which environments are busy and were noticed, all of them at once. */
  async #readSideFacts(noticesSince: Date): Promise<SideFacts> {
    const { policyStore } = this.#options;
    const [busy, notices] = await Promise.all([
      policyStore.busyEnvironmentIds('all'),
      policyStore.listNotices('all', { sentSince: noticesSince }),
    ]);
    return { busy, notices: sentNotices(notices) };
  }

  /**
   * What the decisions of a page need besides its rows. Only a schedule
   * reads the last lifecycle operation: it is looked up for scheduled
   * environments alone.
   */
  async #readFacts(
    page: PolicyEnvironmentMs[],
    sideFacts: Promise<SideFacts>,
  ): Promise<PageFacts> {
    const scheduled = page.filter(policyReadsLastLifecycle).map(e => e.id);
    const [side, lifecycles] = await Promise.all([
      sideFacts,
      scheduled.length === 0
        ? new Map<string, LifecycleOperationMs>()
        : this.#options.policyStore.lastLifecycleOperationsMs(scheduled),
    ]);
    return { ...side, lifecycles };
  }

  /** Decides and acts on a page; whether it acted (beyond warnings). */
  async #sweepPage(
    page: PolicyEnvironmentMs[],
    { busy, lifecycles, notices }: PageFacts,
    now: Date,
    result: PolicySweepResult,
    signal?: AbortSignal,
  ): Promise<boolean> {
    const candidates = page.filter(
      e =>
        e.mode !== 'production' &&
        e.desiredState !== 'deleted' &&
        !IGNORED_STATUSES.has(e.status),
    );
    if (candidates.length === 0) return false;
    // Most environments have no notice: they skip the lookups.
    const { sentAt: noticesSentAt, environmentIds: noticed } = notices;
    const none = new Map<string, string>();
    const options = {
      now,
      defaults: this.#options.defaults,
      idleWarningLeadMs: this.#options.idleWarningLeadMs,
      expiryWarningMs: this.#options.expiryWarningMs,
      minimumExpiryNoticeMs: this.#options.minimumExpiryNoticeMs,
    };
    // Only environments with actions are kept: in a steady sweep, none.
    const decided: Array<{
      environment: PolicyEnvironmentMs;
      actions: PolicyAction[];
    }> = [];
    for (const environment of candidates) {
      const actions = decideEnvironmentPolicy(
        toSubject(environment, {
          busy: busy.has(environment.id),
          lastLifecycle: lifecycles.get(environment.id),
          noticesSentAt: noticed.has(environment.id) ? noticesSentAt : none,
        }),
        options,
      );
      if (actions.length > 0) decided.push({ environment, actions });
    }
    // Warnings only notify: the page's are claimed in one statement.
    const warned = await this.#warn(
      decided.flatMap(({ environment, actions }) =>
        actions.flatMap(action => {
          const warning = this.#warning(environment, action, now);
          return warning ? [warning] : [];
        }),
      ),
    );
    // Environments with one lifecycle action are acted on in one batch;
    // the others a few at a time (each action waits on the database, not
    // on the CPU), in order per environment.
    const batch: Batched[] = [];
    const others: Array<{
      environment: PolicyEnvironmentMs;
      act: () => Promise<void>;
    }> = [];
    // This loop does not wait: an abort skips all of the page or none of it.
    if (signal?.aborted) return false;
    result.checked += candidates.length;
    for (const { environment, actions } of decided) {
      const outcomes = actions.map(action => ({
        name: environment.name,
        action: action.type,
        done: warned.get(action) ?? false,
      }));
      result.actions.push(...outcomes);
      const pending = actions.filter(action => !warned.has(action));
      if (pending.length === 0) continue;
      // A preview's start takes a slot of its quota, which other previews'
      // stops and starts free and take: it runs alone, after the batch and
      // those before it.
      const alone =
        environment.mode === 'preview' &&
        actions.some(action => action.type === 'start');
      if (pending.length === 1 && !alone && lifecycleOf(pending[0])) {
        const i = actions.indexOf(pending[0]);
        batch.push({ environment, action: pending[0], outcome: outcomes[i] });
        continue;
      }
      others.push({
        environment,
        act: async () => {
          for (const [i, action] of actions.entries()) {
            if (warned.has(action)) continue;
            try {
              outcomes[i].done = await this.#apply(environment, action, now);
            } catch (error) {
              this.#logger.warn(
                `Policy ${action.type} of environment ${environment.name} failed`,
                error as Error,
              );
            }
          }
        },
      });
    }
    await this.#applyBatch(batch, now);
    const acting = new Set<Promise<void>>();
    for (const { environment, act } of others) {
      const alone =
        environment.mode === 'preview' &&
        decided.some(
          d =>
            d.environment === environment &&
            d.actions.some(action => action.type === 'start'),
        );
      if (alone) {
        await Promise.all(acting);
        await act();
        continue;
      }
      if (acting.size >= ACT_CONCURRENCY) await Promise.race(acting);
      const running: Promise<void> = act().finally(() =>
        acting.delete(running),
      );
      acting.add(running);
    }
    await Promise.all(acting);
    return batch.length > 0 || others.length > 0;
  }

  /** The notice a warning sends; undefined for actions that are not warnings. */
  #warning(
    environment: PolicyEnvironmentMs,
    action: PolicyAction,
    now: Date,
  ): Warning | undefined {
    const sentAt = now.toISOString();
    if (action.type === 'warn-idle-stop') {
      const period = String(environment.lastActivityAt);
      return {
        environment,
        action,
        notice: {
          environmentId: environment.id,
          kind: 'idle-warning',
          periodKey: period,
          sentAt,
        },
        payload: () =>
          idleWarningNotice({
            environmentId: environment.id,
            name: environment.name,
            period,
            idleAfter: idleAfterOf(environment, this.#options.defaults),
            idleSince: action.idleSince,
            stopInMs: Date.parse(action.stopAt) - now.getTime(),
          }),
      };
    }
    if (action.type === 'warn-expiry') {
      return {
        environment,
        action,
        notice: {
          environmentId: environment.id,
          kind: 'expiry-warning',
          periodKey: expiryPeriod(action.expiresAt),
          sentAt,
        },
        payload: () =>
          expiryWarningNotice({
            environmentId: environment.id,
            name: environment.name,
            expiresAt: action.expiresAt,
          }),
      };
    }
    return undefined;
  }

  /**
   * Claims the warnings' notices together and sends those claimed now, in
   * order; whether each was sent, by action.
   */
  async #warn(warnings: Warning[]): Promise<Map<PolicyAction, boolean>> {
    const sent = new Map<PolicyAction, boolean>();
    if (warnings.length === 0) return sent;
    let claimed: Set<string>;
    try {
      claimed = await this.#options.policyStore.claimNotices(
        warnings.map(w => w.notice),
      );
    } catch (error) {
      this.#logger.warn('Policy warnings could not be claimed', error as Error);
      claimed = new Set();
    }
    for (const { environment, action, notice, payload } of warnings) {
      let done = false;
      try {
        done =
          claimed.has(noticeKey(notice)) &&
          (await this.#send(environment, notice, payload));
      } catch (error) {
        this.#logger.warn(
          `Policy ${action.type} of environment ${environment.name} failed`,
          error as Error,
        );
      }
      sent.set(action, done);
    }
    return sent;
  }

  async #apply(
    environment: PolicyEnvironmentMs,
    action: PolicyAction,
    now: Date,
  ): Promise<boolean> {
    const how = lifecycleOf(action);
    if (!how) return false;
    const acted = await this.#act(environment, action, how);
    if (acted) {
      const done = this.#acted(environment, action, now);
      if (done) await this.#notify(environment, done.notice, done.payload);
    }
    return acted;
  }

  /**
   * Acts on a page's environments that have one lifecycle action each, in
   * one batch of the lifecycle; each keeps its own checks and outcome. The
   * notices of what was done are claimed together.
   */
  async #applyBatch(items: Batched[], now: Date): Promise<void> {
    const allowed = items.filter(({ environment, action }) => {
      if (isPolicyActionAllowed(environment.mode, action)) return true;
      this.#refused(environment, lifecycleOf(action)!.lifecycle);
      return false;
    });
    if (allowed.length === 0) return;
    let outcomes: LifecycleOutcome[];
    try {
      outcomes = await this.#options.service.lifecycleBatch(
        allowed.map(({ environment, action }) => {
          const how = lifecycleOf(action)!;
          return {
            name: environment.name,
            action: how.lifecycle,
            ctx: this.#context(environment, action, how.kind, how.reason),
          };
        }),
      );
    } catch (error) {
      this.#logger.warn(
        `Policy actions of ${allowed.length} environments failed`,
        error as Error,
      );
      return;
    }
    const notices: Warning[] = [];
    for (const [i, { environment, action, outcome }] of allowed.entries()) {
      const result = outcomes[i];
      if ('error' in result) {
        this.#failed(environment, action, result.error);
        continue;
      }
      outcome.done = true;
      const done = this.#acted(environment, action, now);
      if (done) notices.push({ environment, action, ...done });
    }
    await this.#warn(notices);
  }

  /** Logs what was done; the notice that tells the owner, if any. */
  #acted(
    environment: PolicyEnvironmentMs,
    action: PolicyAction,
    now: Date,
  ): Omit<Warning, 'environment' | 'action'> | undefined {
    const sentAt = now.toISOString();
    if (action.type === 'stop') {
      this.#logger.info('Stopped environment by policy', {
        environment: environment.name,
        policy: action.reason,
      });
      if (action.reason !== 'idle') return undefined;
      const period = String(environment.lastActivityAt);
      return {
        notice: {
          environmentId: environment.id,
          kind: 'idle-stopped',
          periodKey: period,
          sentAt,
        },
        payload: () =>
          idleStoppedNotice({
            environmentId: environment.id,
            name: environment.name,
            period,
            idleAfter: action.idleAfter,
          }),
      };
    }
    if (action.type === 'start') {
      this.#logger.info('Started environment inside its active hours', {
        environment: environment.name,
      });
      return undefined;
    }
    if (action.type === 'expire') {
      this.#logger.info('Destroyed expired environment', {
        environment: environment.name,
        expiresAt: action.expiresAt,
      });
      return {
        notice: {
          environmentId: environment.id,
          kind: 'expired',
          periodKey: expiryPeriod(action.expiresAt),
          sentAt,
        },
        payload: () =>
          expiredNotice({
            environmentId: environment.id,
            name: environment.name,
            expiresAt: action.expiresAt,
          }),
      };
    }
    return undefined;
  }

  /** A lifecycle refusal: skipped (changed since, or production), or failed. */
  #failed(
    environment: PolicyEnvironmentMs,
    action: PolicyAction,
    error: Error,
  ) {
    const lifecycle = lifecycleOf(action)?.lifecycle ?? action.type;
    if (error?.name === 'NotAllowedError') {
      this.#refused(environment, lifecycle);
    } else if (
      // Changed or gone since the decision read it.
      error?.name === 'ConflictError' ||
      error?.name === 'NotFoundError'
    ) {
      this.#logger.debug(
        `Policy ${lifecycle} of ${environment.name} skipped: ${error.message}`,
      );
    } else {
      this.#logger.warn(
        `Policy ${action.type} of environment ${environment.name} failed`,
        error,
      );
    }
  }

  /**
   * Acts through the service's lifecycle, with a deterministic
   * Idempotency-Key and the revision the decision saw: false when the
   * environment changed since (a user acted, another sweep got there first).
   */
  async #act(
    environment: PolicyEnvironmentMs,
    action: PolicyAction,
    how: LifecycleOf,
  ): Promise<boolean> {
    // Defence in depth: never trust only the decision with production. The
    // lifecycle checks the row it reads too (the precondition), so the sweep
    // does not read it again.
    if (!isPolicyActionAllowed(environment.mode, action)) {
      this.#refused(environment, how.lifecycle);
      return false;
    }
    try {
      await this.#options.service.lifecycle(
        environment.name,
        how.lifecycle,
        undefined,
        this.#context(environment, action, how.kind, how.reason),
      );
      return true;
    } catch (error) {
      const name = (error as Error)?.name;
      if (
        ['NotAllowedError', 'ConflictError', 'NotFoundError'].includes(name)
      ) {
        this.#failed(environment, action, error as Error);
        return false;
      }
      throw error;
    }
  }

  /**
   * How the sweep acts: as itself, with a deterministic Idempotency-Key and
   * the row the decision saw (its id and revision; production refused).
   */
  #context(
    environment: PolicyEnvironmentMs,
    action: PolicyAction,
    kind: ActionKind,
    reason?: string,
  ): RequestContext {
    const refusedModes: EnvironmentMode[] = isPolicyActionAllowed(
      'production',
      action,
    )
      ? []
      : ['production'];
    return {
      actor: POLICY_SWEEP_ACTOR,
      idempotencyKey: policyIdempotencyKey(kind, environment),
      expectedRevision: environment.revision,
      precondition: { id: environment.id, refusedModes },
      reason,
    };
  }

  #refused(environment: PolicyEnvironmentMs, lifecycle: string) {
    this.#logger.error(
      `Refused to ${lifecycle} production environment ${environment.name} by policy`,
    );
  }

  /** Sends a notice to the owner unless it was already sent for this period. */
  async #notify(
    environment: PolicyEnvironmentMs,
    notice: PolicyNotice,
    payload: () => NoticePayload,
  ): Promise<boolean> {
    if (!(await this.#options.policyStore.claimNotice(notice))) return false;
    return this.#send(environment, notice, payload);
  }

  /** Sends a claimed notice; releases the claim when it could not be sent. */
  async #send(
    environment: PolicyEnvironmentMs,
    notice: PolicyNotice,
    payload: () => NoticePayload,
  ): Promise<boolean> {
    const { policyStore, notifications } = this.#options;
    try {
      await notifications.send({
        recipients: { type: 'entity', entityRef: environment.owner },
        payload: { ...payload(), topic: POLICY_NOTIFICATION_TOPIC },
      });
      return true;
    } catch (error) {
      // Not sent: forget it, so the next sweep tries again (and whatever
      // it announces waits for it).
      await policyStore.releaseNotice(notice);
      this.#logger.warn(
        `Could not notify the owner of environment ${environment.name}`,
        error as Error,
      );
      return false;
    }
  }
}
