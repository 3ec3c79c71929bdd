import { parseEntityRef } from '@backstage/catalog-model';
import type { EntityChoice } from './useCatalogChoices';

// The backend lets a caller make only their own groups (or themselves) the
// owner of a new environment, unless they hold `environments.admin`: the
// forms offer what it would accept.

/** Why the owner choices are what they are, under the Owner field. */
export const OWNER_HELP = {
  member: 'Groups you belong to; an admin may pick any group',
  admin: 'Any group: you hold environments.admin',
  none: 'You belong to no group; ask to be added to one, or an admin to create it',
};

function lower(ref: string) {
  return ref.toLocaleLowerCase('en-US');
}

/** The groups among the signed-in user's ownership refs, in their order. */
export function groupsOf(ownershipEntityRefs: ReadonlyArray<string>): string[] {
  return ownershipEntityRefs.filter(ref => lower(ref).startsWith('group:'));
}

/** Whether the user may make `owner` the owner (compared as the backend does). */
export function mayOwn(
  owner: string,
  memberOf: ReadonlyArray<string>,
  isAdmin: boolean,
): boolean {
  return isAdmin || memberOf.some(ref => lower(ref) === lower(owner));
}

/**
 * The groups to offer as owner: every group of the catalog for an admin,
 * otherwise the user's own groups (named as the catalog names them).
 */
export function ownerChoices(options: {
  groups: ReadonlyArray<EntityChoice>;
  memberOf: ReadonlyArray<string>;
  isAdmin: boolean;
}): EntityChoice[] {
  const { groups, memberOf, isAdmin } = options;
  if (isAdmin) {
    return [...groups];
  }
  return memberOf.map(
    ref =>
      groups.find(group => lower(group.ref) === lower(ref)) ?? {
        ref,
        label: parseEntityRef(ref).name,
      },
  );
}

/**
 * A clone's owner to start with: the source's owner when the user may use
 * it, otherwise their first group (empty when they have none).
 */
export function defaultCloneOwner(
  sourceOwner: string,
  memberOf: ReadonlyArray<string>,
  isAdmin: boolean,
): string {
  if (mayOwn(sourceOwner, memberOf, isAdmin)) {
    // Spelled as the choices spell it, so the select shows it.
    return (
      memberOf.find(ref => lower(ref) === lower(sourceOwner)) ?? sourceOwner
    );
  }
  return memberOf[0] ?? '';
}

/** The helper text of the Owner field. */
export function ownerHelp(
  choices: ReadonlyArray<EntityChoice>,
  isAdmin: boolean,
): string {
  if (isAdmin) {
    return OWNER_HELP.admin;
  }
  return choices.length > 0 ? OWNER_HELP.member : OWNER_HELP.none;
}
