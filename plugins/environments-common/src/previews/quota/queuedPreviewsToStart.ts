import { isQueuedPreview } from './quotaPreview';
import type { QuotaPreview } from './quotaPreview';
import {
  PreviewQuotaScope,
  PreviewQuotaSettings,
  SCOPE_FIELD,
  previewQuotaLimit,
} from './settings';

/**
 * The queued previews to start now, in order: oldest first, each while both
 * its system and its team run fewer previews than their quotas.
 *
 * @public
 */
export function queuedPreviewsToStart(options: {
  previews: Pick<
    QuotaPreview,
    'name' | 'system' | 'owner' | 'desiredState' | 'attention' | 'createdAt'
  >[];
  quota: PreviewQuotaSettings;
}): string[] {
  const { previews, quota } = options;
  const running = new Map<string, number>();
  const key = (scope: PreviewQuotaScope, ref: string) => `${scope} ${ref}`;
  const scopesOf = (p: Pick<QuotaPreview, 'system' | 'owner'>) =>
    (['system', 'team'] as const).map(scope => {
      const ref = p[SCOPE_FIELD[scope]];
      return {
        key: key(scope, ref),
        limit: previewQuotaLimit(quota, scope, ref) ?? Infinity,
      };
    });
  for (const p of previews) {
    if (p.desiredState !== 'running') continue;
    for (const scope of scopesOf(p)) {
      running.set(scope.key, (running.get(scope.key) ?? 0) + 1);
    }
  }
  const start: string[] = [];
  const queued = previews
    .filter(isQueuedPreview)
    .sort(
      (a, b) =>
        Date.parse(a.createdAt) - Date.parse(b.createdAt) ||
        a.name.localeCompare(b.name),
    );
  for (const p of queued) {
    const scopes = scopesOf(p);
    if (scopes.every(s => (running.get(s.key) ?? 0) < s.limit)) {
      start.push(p.name);
      for (const s of scopes) running.set(s.key, (running.get(s.key) ?? 0) + 1);
    }
  }
  return start;
}
