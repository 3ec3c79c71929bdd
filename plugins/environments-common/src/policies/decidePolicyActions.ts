import type {
  DesiredState,
  EnvironmentMode,
  EnvironmentStatus,
} from '../constants';
import { parseDuration } from '../duration';
import { isWithinActiveHours } from '../schedule';

/** Idle timeout of non-production environments whose policy sets none. @public */
export const DEFAULT_POLICY_IDLE_AFTER = '2h';
/** How long before an idle stop its owner is warned, by default. @public */
export const DEFAULT_IDLE_WARNING_LEAD_MS = 15 * 60 * 1000;
/** How long before expiry its owner is warned, by default. @public */
export const DEFAULT_EXPIRY_WARNING_MS = 24 * 60 * 60 * 1000;
/**
 * The least notice an owner gets before a deletion: when the expiry warning
 * could not be sent in time (the sweep was down, a TTL shorter than the
 * warning), the deletion waits this long after the warning. @public
 */
export const DEFAULT_MINIMUM_EXPIRY_NOTICE_MS = 60 * 60 * 1000;
/**
 * How long an environment started by hand outside its active hours runs
 * before the schedule stops it again, by default. @public
 */
export const DEFAULT_MANUAL_START_GRACE_MS = 2 * 60 * 60 * 1000;

/** Why a stopped environment is stopped, from its last stop. @public */
export type PolicyStoppedBy = 'schedule' | 'idle' | 'other';

/**
 * A time as the decision reads it: an ISO string, or epoch milliseconds
 * (the policy sweep keeps the database's numbers instead of formatting them
 * only to have them parsed back). @public
 */
export type PolicyTime = string | number;

/**
 * An environment as the policy decision needs it: its own fields plus what
 * the sweep knows about its operations and the notices already sent.
 *
 * @public
 */
export interface PolicySubject {
  name: string;
  mode: EnvironmentMode;
  status: EnvironmentStatus;
  desiredState: DesiredState;
  policy: {
    idleAfter?: string;
    schedule?: { timezone: string; active: string };
    ttl?: string;
  };
  expiresAt?: PolicyTime;
  lastActivityAt: PolicyTime;
  /** A queued or running operation: the environment is left alone. */
  busy?: boolean;
  /** Who stopped it, for a stopped environment; only the schedule starts what the schedule stopped. */
  stoppedBy?: PolicyStoppedBy;
  /** When someone other than a policy last started it (a start outside active hours wins for a while). */
  manuallyStartedAt?: PolicyTime;
  /** When the owner was warned of the idle stop of the current idle period (the one since `lastActivityAt`). */
  idleWarningSentAt?: PolicyTime;
  /** When the owner was warned of the expiry at the current `expiresAt`. */
  expiryWarningSentAt?: PolicyTime;
}

/** @public */
export interface PolicyDecisionOptions {
  now: Date;
  /** Per-mode defaults for an unset `idleAfter` (non-production falls back to 2h). */
  defaults?: Partial<Record<EnvironmentMode, { idleAfter?: string }>>;
  idleWarningLeadMs?: number;
  expiryWarningMs?: number;
  minimumExpiryNoticeMs?: number;
  manualStartGraceMs?: number;
}

/** What a policy does to an environment now. @public */
export type PolicyAction =
  /** Tell the owner it stops at `stopAt` unless used. */
  | { type: 'warn-idle-stop'; idleSince: string; stopAt: string }
  | { type: 'stop'; reason: 'idle'; idleSince: string; idleAfter: string }
  | { type: 'stop'; reason: 'schedule' }
  | { type: 'start'; reason: 'schedule' }
  /** Tell the owner it is deleted at `expiresAt` unless extended. */
  | { type: 'warn-expiry'; expiresAt: string }
  | { type: 'expire'; expiresAt: string };

/** @public */
export type PolicyActionType = PolicyAction['type'];

/** One action for one environment. @public */
export interface PolicyDecision {
  name: string;
  action: PolicyAction;
}

const ACTIVE_STATUSES: readonly EnvironmentStatus[] = ['running', 'degraded'];
const SETTLED_STATUSES: readonly EnvironmentStatus[] = [
  'running',
  'degraded',
  'stopped',
];

/**
 * Whether the decision reads `stoppedBy` and `manuallyStartedAt` (the last
 * lifecycle operation) of this environment: only a schedule does, so the
 * sweep looks them up for scheduled environments alone. @public
 */
export function policyReadsLastLifecycle(
  environment: Pick<PolicySubject, 'policy'>,
): boolean {
  return environment.policy.schedule !== undefined;
}

/** Whether a policy may ever take this action on an environment of `mode`. @public */
export function isPolicyActionAllowed(
  mode: EnvironmentMode,
  action: Pick<PolicyAction, 'type'>,
): boolean {
  // Production is never stopped or deleted by a policy.
  return !(
    mode === 'production' &&
    (action.type === 'stop' || action.type === 'expire')
  );
}

/** Durations by text: a sweep reads the same few once per environment. */
const parsedDurations = new Map<string, number | undefined>();

function durationMs(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (parsedDurations.has(text)) return parsedDurations.get(text);
  let ms: number | undefined;
  try {
    ms = parseDuration(text);
  } catch {
    ms = undefined;
  }
  // Bounded: texts come from environments' policies, but keep it small.
  if (parsedDurations.size >= 1000) parsedDurations.clear();
  parsedDurations.set(text, ms);
  return ms;
}

function timeMs(time: PolicyTime | undefined): number | undefined {
  if (time === undefined) return undefined;
  const ms = typeof time === 'number' ? time : Date.parse(time);
  return Number.isFinite(ms) ? ms : undefined;
}

function withinActiveHours(
  schedule: { timezone: string; active: string },
  now: Date,
): boolean | undefined {
  try {
    return isWithinActiveHours(schedule, now);
  } catch {
    return undefined; // an unreadable schedule is no schedule
  }
}

/**
 * The policy actions due now for one environment. Pure: every fact comes
 * from the arguments, so the same input always gives the same actions.
 *
 * - Production is never stopped or expired, whatever its policy says.
 * - Environments being deleted, failed, in transition or with an operation
 *   queued or running are left alone.
 * - TTL: warn once `expiryWarningMs` (24 h) before `expiresAt`; expire at
 *   `expiresAt`, but only after the warning went out, and at least
 *   `minimumExpiryNoticeMs` after it.
 * - Schedule: outside active hours (in the schedule's time zone) a running
 *   environment stops, unless someone started (or created) it by hand
 *   outside active hours less than `manualStartGraceMs` (2 h) ago; inside
 *   them an environment the schedule stopped starts again (one a user
 *   stopped stays stopped).
 * - Idle: a running non-production environment without activity for
 *   `idleAfter` (default 2 h) is warned `idleWarningLeadMs` (15 min, at most
 *   half the timeout) before, and stopped only once that warning is at least
 *   the lead old. `idleAfter: 0m` turns the idle stop off.
 *
 * @public
 */
export function decideEnvironmentPolicy(
  environment: PolicySubject,
  options: PolicyDecisionOptions,
): PolicyAction[] {
  if (environment.mode === 'production') return [];
  if (
    environment.busy ||
    environment.desiredState === 'deleted' ||
    !SETTLED_STATUSES.includes(environment.status)
  ) {
    return [];
  }
  const now = options.now.getTime();
  if (!Number.isFinite(now)) return [];
  const actions: PolicyAction[] = [];
  const isActive =
    environment.desiredState === 'running' &&
    ACTIVE_STATUSES.includes(environment.status);

  // TTL
  const expiresAt = timeMs(environment.expiresAt);
  if (expiresAt !== undefined) {
    // Formatted only for an action: most environments get none.
    const expiresAtText = () => new Date(expiresAt).toISOString();
    const warnedAt = timeMs(environment.expiryWarningSentAt);
    const minimumNotice =
      options.minimumExpiryNoticeMs ?? DEFAULT_MINIMUM_EXPIRY_NOTICE_MS;
    if (now >= expiresAt) {
      if (warnedAt === undefined) {
        return [{ type: 'warn-expiry', expiresAt: expiresAtText() }];
      }
      return now >= warnedAt + minimumNotice
        ? [{ type: 'expire', expiresAt: expiresAtText() }]
        : [];
    }
    const warning = options.expiryWarningMs ?? DEFAULT_EXPIRY_WARNING_MS;
    if (now >= expiresAt - warning && warnedAt === undefined) {
      actions.push({ type: 'warn-expiry', expiresAt: expiresAtText() });
    }
  }

  const idleAfterText =
    environment.policy.idleAfter ??
    options.defaults?.[environment.mode]?.idleAfter ??
    DEFAULT_POLICY_IDLE_AFTER;
  const idleAfter = durationMs(idleAfterText);

  // Schedule
  const schedule = environment.policy.schedule;
  const within = schedule
    ? withinActiveHours(schedule, options.now)
    : undefined;
  if (within === false && isActive) {
    const startedAt = timeMs(environment.manuallyStartedAt);
    const grace = options.manualStartGraceMs ?? DEFAULT_MANUAL_START_GRACE_MS;
    const startedOffHours =
      startedAt !== undefined &&
      withinActiveHours(schedule!, new Date(startedAt)) === false;
    if (!startedOffHours || now - startedAt! >= grace) {
      actions.push({ type: 'stop', reason: 'schedule' });
      return actions;
    }
  }
  if (
    within === true &&
    environment.desiredState === 'stopped' &&
    environment.status === 'stopped' &&
    environment.stoppedBy === 'schedule'
  ) {
    actions.push({ type: 'start', reason: 'schedule' });
    return actions;
  }

  // Idle
  const lastActivity = timeMs(environment.lastActivityAt);
  if (isActive && idleAfter && lastActivity !== undefined) {
    const stopAt = lastActivity + idleAfter;
    const lead = Math.min(
      options.idleWarningLeadMs ?? DEFAULT_IDLE_WARNING_LEAD_MS,
      Math.floor(idleAfter / 2),
    );
    if (now >= stopAt - lead) {
      const idleSince = new Date(lastActivity).toISOString();
      const warnedAt = timeMs(environment.idleWarningSentAt);
      if (warnedAt === undefined) {
        actions.push({
          type: 'warn-idle-stop',
          idleSince,
          stopAt: new Date(Math.max(stopAt, now + lead)).toISOString(),
        });
      } else if (now >= Math.max(stopAt, warnedAt + lead)) {
        actions.push({
          type: 'stop',
          reason: 'idle',
          idleSince,
          idleAfter: idleAfterText,
        });
      }
    }
  }

  // Defence in depth: whatever the rules above say.
  return actions.length === 0
    ? actions
    : actions.filter(action => isPolicyActionAllowed(environment.mode, action));
}

/**
 * The policy actions due now for each environment, in the order given.
 *
 * @public
 */
export function decidePolicyActions(
  environments: PolicySubject[],
  options: PolicyDecisionOptions,
): PolicyDecision[] {
  return environments.flatMap(environment =>
    decideEnvironmentPolicy(environment, options).map(action => ({
      name: environment.name,
      action,
    })),
  );
}
