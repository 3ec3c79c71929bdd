import type {
  EnvironmentMode,
  PolicyStoppedBy,
  PolicySubject,
} from '@greenroom/plugin-environments-common';
import type { PolicyEnvironment, PolicyEnvironmentMs } from '../storage/types';
import { POLICY_SWEEP_ACTOR, PolicyNoticeKind } from './constants';
import { noticeKey, type LifecycleOperationMs } from './PolicyStore';

/** The period of an expiry's notices: one per expiry time. */
export function expiryPeriod(expiresAt: string | number): string {
  return String(
    typeof expiresAt === 'number' ? expiresAt : Date.parse(expiresAt),
  );
}

/** The idle threshold a notice names: the environment's own, its mode's, or 2h. */
export function idleAfterOf(
  environment: Pick<PolicyEnvironment, 'policy' | 'mode'>,
  defaults?: Partial<Record<EnvironmentMode, { idleAfter?: string }>>,
): string {
  return (
    environment.policy.idleAfter ??
    defaults?.[environment.mode]?.idleAfter ??
    '2h'
  );
}

/** Why it stopped, from its last stop: by the schedule, by idleness, or by anyone else. */
function stoppedBy(operation?: LifecycleOperationMs): PolicyStoppedBy {
  if (
    operation?.type !== 'stop' ||
    operation.requestedBy !== POLICY_SWEEP_ACTOR
  ) {
    return 'other';
  }
  return operation.idempotencyKey?.startsWith('policy/schedule-stop/')
    ? 'schedule'
    : 'idle';
}

/** When the notice of this kind and period was sent, if it was. */
function noticeSentAt(
  noticesSentAt: ReadonlyMap<string, string>,
  environmentId: string,
  kind: PolicyNoticeKind,
  periodKey: string,
): string | undefined {
  return noticesSentAt.get(noticeKey({ environmentId, kind, periodKey }));
}

/**
 * The environment as the policy decision reads it, from what the sweep
 * knows of it: busy, its last lifecycle operation, the notices sent.
 */
export function toSubject(
  environment: PolicyEnvironmentMs,
  facts: {
    busy: boolean;
    lastLifecycle?: LifecycleOperationMs;
    /** When each notice was sent, by {@link noticeKey}. */
    noticesSentAt: ReadonlyMap<string, string>;
  },
): PolicySubject {
  const last = facts.lastLifecycle;
  const startedByHand =
    last && last.type !== 'stop' && last.requestedBy !== POLICY_SWEEP_ACTOR
      ? last.createdAt
      : undefined;
  return {
    name: environment.name,
    mode: environment.mode,
    status: environment.status,
    desiredState: environment.desiredState,
    policy: environment.policy,
    expiresAt: environment.expiresAt,
    lastActivityAt: environment.lastActivityAt,
    busy: facts.busy,
    stoppedBy:
      environment.desiredState === 'stopped' ? stoppedBy(last) : undefined,
    manuallyStartedAt: startedByHand,
    // Without notices (most environments), no period is worked out.
    idleWarningSentAt:
      facts.noticesSentAt.size === 0
        ? undefined
        : noticeSentAt(
            facts.noticesSentAt,
            environment.id,
            'idle-warning',
            String(environment.lastActivityAt),
          ),
    expiryWarningSentAt:
      facts.noticesSentAt.size === 0 || !environment.expiresAt
        ? undefined
        : noticeSentAt(
            facts.noticesSentAt,
            environment.id,
            'expiry-warning',
            expiryPeriod(environment.expiresAt),
          ),
  };
}
