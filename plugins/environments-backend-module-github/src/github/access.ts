import type { AccessLevel } from '@greenroom/plugin-environments-previews-node';

/**
 * The answer of `GET /repos/{owner}/{repo}/collaborators/{user}/permission`:
 * `permission` is the legacy level (`admin`, `write`, `read`, `none`; maintain
 * shows as write, triage as read), `role_name` the role (`admin`, `maintain`,
 * `write`, `triage`, `read` or a custom role).
 */
export interface CollaboratorPermission {
  permission?: string;
  role_name?: string;
}

const LEVEL_OF_ROLE = new Map<string, AccessLevel>([
  ['admin', 'admin'],
  ['maintain', 'write'],
  ['write', 'write'],
  ['triage', 'read'],
  ['read', 'read'],
]);

const RANK: AccessLevel[] = ['none', 'read', 'write', 'admin'];

/**
 * A collaborator's access: the higher of its legacy level and its role
 * (a custom role counts by its legacy level); `none` for a stranger.
 */
export function accessLevelOf(
  permission: CollaboratorPermission | undefined,
): AccessLevel {
  const levels = [permission?.permission, permission?.role_name].map(
    name => LEVEL_OF_ROLE.get(name ?? '') ?? 'none',
  );
  return levels.reduce((a, b) => (RANK.indexOf(b) > RANK.indexOf(a) ? b : a));
}
