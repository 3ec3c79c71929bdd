import { compareReclaimOrder, isQueuedPreview } from './quotaPreview';
import type { QuotaPreview } from './quotaPreview';
import {
  PreviewQuotaScope,
  PreviewQuotaSettings,
  SCOPE_FIELD,
  hasPreviewQuota,
  previewQuotaLimit,
} from './settings';

/**
 * A running preview of a quota, in the order the quota reclaims them.
 *
 * @public
 */
export interface PreviewQuotaEntry {
  name: string;
  priority: number;
  lastActivityAt: string;
  /**
   * The preview the quota is full enough to stop first when one more
   * preview of higher or equal priority asks for a slot.
   */
  reclaimNext: boolean;
}

/**
 * How full one system's or team's quota is.
 *
 * @public
 */
export interface PreviewQuotaUsage {
  /** The system or team (owner) entity ref. */
  ref: string;
  /** Running previews allowed; absent means no limit. */
  limit?: number;
  running: number;
  queued: number;
  /** The running previews in the order the quota reclaims them. */
  previews: PreviewQuotaEntry[];
}

/**
 * The quotas of every system and team that has running or queued previews.
 *
 * @public
 */
export interface PreviewQuotaReport {
  /** Whether any quota is configured; without one no preview is reclaimed. */
  configured: boolean;
  systems: PreviewQuotaUsage[];
  teams: PreviewQuotaUsage[];
}

/**
 * How full the quotas are: per system and per team, the limit, the running
 * and queued previews, and which running one would be reclaimed next.
 *
 * @public
 */
export function previewQuotaUsage(options: {
  previews: QuotaPreview[];
  quota: PreviewQuotaSettings;
}): PreviewQuotaReport {
  const { previews, quota } = options;
  return {
    configured: hasPreviewQuota(quota),
    systems: usageOf('system', previews, quota),
    teams: usageOf('team', previews, quota),
  };
}

function usageOf(
  scope: PreviewQuotaScope,
  previews: QuotaPreview[],
  quota: PreviewQuotaSettings,
): PreviewQuotaUsage[] {
  const field = SCOPE_FIELD[scope];
  const groups = new Map<string, QuotaPreview[]>();
  for (const p of previews) {
    if (p.desiredState === 'running' || isQueuedPreview(p)) {
      groups.set(p[field], [...(groups.get(p[field]) ?? []), p]);
    }
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([ref, members]) => {
      const limit = previewQuotaLimit(quota, scope, ref);
      const running = members
        .filter(p => p.desiredState === 'running')
        .sort(compareReclaimOrder);
      const full = limit !== undefined && running.length >= limit;
      return {
        ref,
        ...(limit === undefined ? {} : { limit }),
        running: running.length,
        queued: members.length - running.length,
        previews: running.map((p, index) => ({
          name: p.name,
          priority: p.priority,
          lastActivityAt: p.lastActivityAt,
          reclaimNext: full && index === 0,
        })),
      };
    });
}

/**
 * The previews a report marks as reclaimed next, each with the quotas (system
 * or team refs) that would stop it first.
 *
 * @public
 */
export function previewsReclaimedNext(
  report: Pick<PreviewQuotaReport, 'systems' | 'teams'>,
): Map<string, string[]> {
  const next = new Map<string, string[]>();
  for (const usage of [...report.systems, ...report.teams]) {
    for (const preview of usage.previews) {
      if (preview.reclaimNext) {
        next.set(preview.name, [...(next.get(preview.name) ?? []), usage.ref]);
      }
    }
  }
  return next;
}
