/**
 * A user's access to a repository, the same for every provider: GitHub's
 * roles and GitLab's access levels are mapped onto it by their modules.
 *
 * @public
 */
export type AccessLevel = 'none' | 'read' | 'write' | 'admin';

/**
 * Whether the access lets a user's change requests deploy on their own and
 * lets the user run `/preview` commands.
 *
 * @public
 */
export function hasWriteAccess(level: AccessLevel): boolean {
  return level === 'write' || level === 'admin';
}
