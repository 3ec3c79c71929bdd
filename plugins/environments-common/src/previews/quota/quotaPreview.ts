import { DEFAULT_POLICY_PRIORITY, type Environment } from '../../schemas';

/**
 * The attention item of a preview waiting for a slot of its quotas.
 *
 * @public
 */
export const PREVIEW_QUEUED_ITEM = 'queued:preview-quota';

/**
 * A preview as the quota decisions see it.
 *
 * @public
 */
export type QuotaPreview = Pick<
  Environment,
  | 'name'
  | 'system'
  | 'owner'
  | 'desiredState'
  | 'attention'
  | 'createdAt'
  | 'lastActivityAt'
> & {
  /** Its `policy.priority`: lower ones are reclaimed first. */
  priority: number;
};

/**
 * A running preview as the reclaim decision needs it.
 *
 * @public
 */
export type RunningPreview = Pick<
  QuotaPreview,
  'name' | 'system' | 'owner' | 'lastActivityAt' | 'priority'
> & {
  /** False when the requester may not stop it; unset means it may. */
  reclaimable?: boolean;
};

/**
 * The preview fields the quota decisions read.
 *
 * @public
 */
export function toQuotaPreview(
  environment: Pick<Environment, keyof Omit<QuotaPreview, 'priority'> | 'policy'>,
): QuotaPreview {
  const { name, system, owner, desiredState, attention } = environment;
  return {
    name,
    system,
    owner,
    desiredState,
    attention,
    createdAt: environment.createdAt,
    lastActivityAt: environment.lastActivityAt,
    // Stored policies are not parsed again: one may lack the default.
    priority: environment.policy.priority ?? DEFAULT_POLICY_PRIORITY,
  };
}

/**
 * Whether a preview waits for a slot: stopped and marked queued (a preview
 * stopped by hand is not).
 *
 * @public
 */
export function isQueuedPreview(
  preview: Pick<QuotaPreview, 'desiredState' | 'attention'>,
): boolean {
  return (
    preview.desiredState === 'stopped' &&
    preview.attention.some(a => a.item === PREVIEW_QUEUED_ITEM)
  );
}

/**
 * The order in which a quota reclaims running previews: lowest priority
 * first, then the longest idle, then by name so that the order is stable.
 *
 * @public
 */
export function compareReclaimOrder(
  a: Pick<RunningPreview, 'name' | 'priority' | 'lastActivityAt'>,
  b: Pick<RunningPreview, 'name' | 'priority' | 'lastActivityAt'>,
): number {
  return (
    a.priority - b.priority ||
    Date.parse(a.lastActivityAt) - Date.parse(b.lastActivityAt) ||
    a.name.localeCompare(b.name)
  );
}
