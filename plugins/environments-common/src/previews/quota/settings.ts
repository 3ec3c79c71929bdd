/**
 * The quotas of running previews (`environments.previews.quota`): a default
 * limit per system and per team (the owner of the preview), and limits for
 * named systems and teams (full entity refs) that replace the default.
 *
 * @public
 */
export interface PreviewQuotaSettings {
  /** Running previews allowed per system; unset means no limit. */
  perSystem?: number;
  /** Running previews allowed per team (owner); unset means no limit. */
  perTeam?: number;
  /** Limits of named systems, by entity ref. */
  systems?: Record<string, number>;
  /** Limits of named teams, by entity ref. */
  teams?: Record<string, number>;
}

/**
 * What a preview counts against: the previews of its system, and those of
 * its team.
 *
 * @public
 */
export type PreviewQuotaScope = 'system' | 'team';

/** The property of a preview that places it in a quota of the scope. */
export const SCOPE_FIELD = {
  system: 'system',
  team: 'owner',
} as const satisfies Record<PreviewQuotaScope, 'system' | 'owner'>;

/**
 * The limit of one system's or team's running previews: its own, else the
 * default of the scope; undefined means no limit.
 *
 * @public
 */
export function previewQuotaLimit(
  settings: PreviewQuotaSettings,
  scope: PreviewQuotaScope,
  ref: string,
): number | undefined {
  return scope === 'system'
    ? settings.systems?.[ref] ?? settings.perSystem
    : settings.teams?.[ref] ?? settings.perTeam;
}

/**
 * Whether any limit is set at all.
 *
 * @public
 */
export function hasPreviewQuota(settings: PreviewQuotaSettings): boolean {
  return (
    settings.perSystem !== undefined ||
    settings.perTeam !== undefined ||
    Object.keys(settings.systems ?? {}).length > 0 ||
    Object.keys(settings.teams ?? {}).length > 0
  );
}
