import type { AttentionItem } from '../../schemas';
import { PREVIEW_QUEUED_ITEM, compareReclaimOrder } from './quotaPreview';
import type { RunningPreview } from './quotaPreview';
import {
  PreviewQuotaScope,
  PreviewQuotaSettings,
  SCOPE_FIELD,
  previewQuotaLimit,
} from './settings';

/**
 * What a preview about to run gets from its quotas.
 *
 * @public
 */
export type PreviewSlotDecision =
  | { type: 'admit' }
  /** Stop these (in order) to make room, then admit. */
  | { type: 'reclaim'; stop: RunningPreview[] }
  /** Nothing can be reclaimed: wait for a slot. */
  | { type: 'queue'; attention: AttentionItem };

const SCOPES: PreviewQuotaScope[] = ['system', 'team'];

/**
 * Decides whether a preview may run now, given the previews running: it is
 * admitted when both its system's and its team's quota have room. A full
 * quota frees one slot by reclaiming its previews of lower or equal priority
 * that the requester may stop, in {@link compareReclaimOrder} (a preview
 * stopped for one quota also frees a slot in the other). When a full quota
 * has nothing to reclaim, the preview is queued and nothing is stopped.
 *
 * @public
 */
export function decidePreviewSlot(options: {
  preview: { system: string; owner: string; priority: number };
  /** The previews running now, the one asking left out. */
  running: RunningPreview[];
  quota: PreviewQuotaSettings;
}): PreviewSlotDecision {
  const { preview, running, quota } = options;
  const stop: RunningPreview[] = [];
  for (const scope of SCOPES) {
    const field = SCOPE_FIELD[scope];
    const ref = preview[field];
    const limit = previewQuotaLimit(quota, scope, ref);
    const members = running.filter(p => p[field] === ref);
    if (limit === undefined || members.length < limit) continue;
    const stillRunning = members.filter(p => !stop.includes(p));
    const needed = stillRunning.length - limit + 1;
    if (needed <= 0) continue;
    const candidates = stillRunning
      .filter(p => p.priority <= preview.priority && p.reclaimable !== false)
      .sort(compareReclaimOrder);
    if (candidates.length < needed) {
      return {
        type: 'queue',
        attention: {
          item: PREVIEW_QUEUED_ITEM,
          reason: `Waiting for a slot: ${members.length} previews of ${ref} are running`,
        },
      };
    }
    stop.push(...candidates.slice(0, needed));
  }
  return stop.length > 0 ? { type: 'reclaim', stop } : { type: 'admit' };
}
