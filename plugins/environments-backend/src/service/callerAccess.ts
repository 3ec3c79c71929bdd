import type {
  BackstageCredentials,
  BackstageServicePrincipal,
  BackstageUserPrincipal,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  PermissionRuleset,
  createConditionAuthorizer,
} from '@backstage/plugin-permission-node';
import {
  Environment,
  environmentLifecyclePermission,
  environmentProductionPermission,
  environmentUpdatePermission,
  environmentsAdminPermission,
} from '@greenroom/plugin-environments-common';
import type { EnvironmentQuery } from '../permissions/rules';

/**
 * What the caller of a request may do beyond the route's own permission,
 * checked by the service once the request is parsed. Requests of the plugin's
 * own background jobs carry none: they are trusted.
 */
export interface CallerAccess {
  /**
   * `owner` must be one of the caller's ownership refs (the user or one of
   * their groups), unless the caller holds `environments.admin`. Services
   * act for no user, so they need `environments.admin`.
   */
  checkOwner(owner: string, field: string): Promise<void>;
  /** `environments.environment.production`, for production mode. */
  checkProduction(field: string): Promise<void>;
  /** `environments.admin`, for what only admins may set (e.g. `pullRequest`). */
  checkAdmin(field: string, what: string): Promise<void>;
  /**
   * `environments.environment.update` must allow the environment as it is and
   * as it would be after the change (conditions evaluated in memory).
   */
  checkUpdate(before: Environment, after: Environment): Promise<void>;
  /** Which of these environments the caller may stop (`.lifecycle`). */
  mayStop(names: string[]): Promise<boolean[]>;
}

type Credentials = BackstageCredentials<
  BackstageUserPrincipal | BackstageServicePrincipal
>;

/** Fields of an environment that conditional rules read. */
const CONDITION_FIELDS = ['owner', 'mode', 'system'] as const;

export function createCallerAccess(options: {
  credentials: Credentials;
  permissions: PermissionsService;
  userInfo: UserInfoService;
  ruleset: PermissionRuleset<Environment, EnvironmentQuery, 'environment'>;
}): CallerAccess {
  const { credentials, permissions, userInfo } = options;
  const allows = createConditionAuthorizer(options.ruleset);
  let admin: Promise<boolean> | undefined;

  const isAllowed = async (
    permission:
      | typeof environmentsAdminPermission
      | typeof environmentProductionPermission,
  ) => {
    const [decision] = await permissions.authorize([{ permission }], {
      credentials,
    });
    return decision.result === AuthorizeResult.ALLOW;
  };
  const isAdmin = () => (admin ??= isAllowed(environmentsAdminPermission));

  return {
    async checkOwner(owner, field) {
      if (await isAdmin()) return;
      const { principal } = credentials;
      if (principal.type !== 'user') {
        throw new NotAllowedError(
          `${field}: a service (${principal.subject}) may only set the owner of an environment with ${environmentsAdminPermission.name}`,
        );
      }
      const { ownershipEntityRefs } = await userInfo.getUserInfo(credentials);
      const wanted = owner.toLocaleLowerCase('en-US');
      if (
        !ownershipEntityRefs.some(
          ref => ref.toLocaleLowerCase('en-US') === wanted,
        )
      ) {
        throw new NotAllowedError(
          `${field}: you may only make yourself or one of your groups the owner (${ownershipEntityRefs.join(
            ', ',
          )}), not '${owner}'; that needs ${environmentsAdminPermission.name}`,
        );
      }
    },

    async checkProduction(field) {
      if (!(await isAllowed(environmentProductionPermission))) {
        throw new NotAllowedError(
          `${field}: production environments need ${environmentProductionPermission.name}`,
        );
      }
    },

    async checkAdmin(field, what) {
      if (!(await isAdmin())) {
        throw new NotAllowedError(
          `${field}: only holders of ${environmentsAdminPermission.name} may ${what}`,
        );
      }
    },

    async checkUpdate(before, after) {
      const [decision] = await permissions.authorizeConditional(
        [{ permission: environmentUpdatePermission }],
        { credentials },
      );
      const name = environmentUpdatePermission.name;
      if (!allows(decision, before)) {
        throw new NotAllowedError(
          `You may not update environment '${before.name}' (${name})`,
        );
      }
      if (!allows(decision, after)) {
        const changed = CONDITION_FIELDS.filter(
          field => before[field] !== after[field],
        );
        throw new NotAllowedError(
          `${
            changed.join(', ') || 'environment'
          }: you may not update environment '${
            before.name
          }' as it would be after this change (${name})`,
        );
      }
    },

    async mayStop(names) {
      if (names.length === 0) return [];
      const decisions = await permissions.authorize(
        names.map(resourceRef => ({
          permission: environmentLifecyclePermission,
          resourceRef,
        })),
        { credentials },
      );
      return decisions.map(d => d.result === AuthorizeResult.ALLOW);
    },
  };
}
