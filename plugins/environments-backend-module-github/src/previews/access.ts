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

const WRITE_ROLES = ['admin', 'maintain', 'write'];

/** Whether a collaborator may run preview commands: write, maintain or admin. */
export function hasWriteAccess(
  permission: CollaboratorPermission | undefined,
): boolean {
  if (!permission) return false;
  return (
    WRITE_ROLES.includes(permission.permission ?? '') ||
    WRITE_ROLES.includes(permission.role_name ?? '')
  );
}
