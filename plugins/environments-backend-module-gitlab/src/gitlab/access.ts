import type { AccessLevel } from '@greenroom/plugin-environments-previews-node';

/**
 * GitLab's access level of a project member (`access_level` of
 * `GET /projects/:id/members/all/:user_id`): Developer (30) and Maintainer
 * (40) may push, so they count as write; Owner (50) as admin; Minimal
 * access, Guest, Planner and Reporter (5 to 20) as read; no member as none.
 */
export function accessLevelOf(accessLevel: number | undefined): AccessLevel {
  if (accessLevel === undefined) return 'none';
  if (accessLevel >= 50) return 'admin';
  if (accessLevel >= 30) return 'write';
  return accessLevel > 0 ? 'read' : 'none';
}
