/** Who stops, starts and destroys environments for their policies, in operations and audit. */
export const POLICY_SWEEP_ACTOR = 'service:environments/policy-sweep';

/** Who records activity read from ActivitySource modules. */
export const ACTIVITY_POLL_ACTOR = 'service:environments/activity-poll';

/** Topic of the notifications the policy sweep sends. */
export const POLICY_NOTIFICATION_TOPIC = 'greenroom-policies';

/** Notices sent once per environment and period. */
export type PolicyNoticeKind =
  | 'idle-warning'
  | 'idle-stopped'
  | 'expiry-warning'
  | 'expired';
