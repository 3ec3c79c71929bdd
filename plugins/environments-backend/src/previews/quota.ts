import type {
  AttentionItem,
  Environment,
} from '@greenroom/plugin-environments-common';

/** Who stops and starts previews for the quota, in operations and audit. */
export const PREVIEW_QUOTA_ACTOR = 'service:environments/preview-quota';

/** The attention item of a preview waiting for a slot. */
export const QUEUED_ITEM = 'queued:preview-quota';

/** A running preview of the system, as the decision needs it. */
export type RunningPreview = Pick<
  Environment,
  'name' | 'owner' | 'lastActivityAt'
> & {
  priority: number;
  /** False when the requester may not stop it; unset means it may. */
  reclaimable?: boolean;
};

export type PreviewSlotDecision =
  | { type: 'admit' }
  /** Stop these (in order) to make room, then admit. */
  | { type: 'reclaim'; stop: RunningPreview[] }
  /** Nothing can be reclaimed: wait for a slot. */
  | { type: 'queue'; attention: AttentionItem };

/**
 * Decides whether a preview of `system` with `priority` may run now, given
 * the system's other running previews: admit while under the quota; else
 * reclaim the previews of lower or equal priority that the requester may stop,
 * lowest priority first and, among equals, longest idle first; else queue. Only ever as many previews
 * are stopped as free one slot, and none unless that frees it.
 */
export function decidePreviewSlot(options: {
  system: string;
  priority: number;
  running: RunningPreview[];
  maxRunningPerSystem?: number;
}): PreviewSlotDecision {
  const { system, priority, running, maxRunningPerSystem: max } = options;
  if (max === undefined || running.length < max) return { type: 'admit' };
  const needed = running.length - max + 1;
  const candidates = running
    .filter(p => p.priority <= priority && p.reclaimable !== false)
    .sort(
      (a, b) =>
        a.priority - b.priority ||
        Date.parse(a.lastActivityAt) - Date.parse(b.lastActivityAt) ||
        a.name.localeCompare(b.name),
    );
  if (candidates.length >= needed) {
    return { type: 'reclaim', stop: candidates.slice(0, needed) };
  }
  return {
    type: 'queue',
    attention: {
      item: QUEUED_ITEM,
      reason: `Waiting for a slot: ${running.length} previews of ${system} are running`,
    },
  };
}

/** A preview as the queue sees it. */
export type PreviewState = Pick<
  Environment,
  'name' | 'system' | 'desiredState' | 'attention' | 'createdAt'
>;

export function isQueued(
  preview: Pick<PreviewState, 'desiredState' | 'attention'>,
) {
  return (
    preview.desiredState === 'stopped' &&
    preview.attention.some(a => a.item === QUEUED_ITEM)
  );
}

/**
 * The queued previews to start now, in order: per system, oldest first,
 * while the system has fewer running previews than the quota.
 */
export function queuedPreviewsToStart(options: {
  previews: PreviewState[];
  maxRunningPerSystem?: number;
}): string[] {
  const max = options.maxRunningPerSystem ?? Infinity;
  const running = new Map<string, number>();
  for (const p of options.previews) {
    if (p.desiredState === 'running') {
      running.set(p.system, (running.get(p.system) ?? 0) + 1);
    }
  }
  const start: string[] = [];
  const queued = options.previews
    .filter(isQueued)
    .sort(
      (a, b) =>
        Date.parse(a.createdAt) - Date.parse(b.createdAt) ||
        a.name.localeCompare(b.name),
    );
  for (const p of queued) {
    const count = running.get(p.system) ?? 0;
    if (count < max) {
      start.push(p.name);
      running.set(p.system, count + 1);
    }
  }
  return start;
}
