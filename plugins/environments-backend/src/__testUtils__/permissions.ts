import { mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';

/**
 * A permissions service whose policy allows every check, except that reading
 * environments is conditional on IS_OWNER for the given owners.
 */
export function ownerOnlyPermissions(owners: string[]) {
  return mockServices.permissions.mock({
    authorize: async (requests: any[]) =>
      requests.map(() => ({ result: AuthorizeResult.ALLOW })),
    authorizeConditional: async (requests: any[]) =>
      requests.map(() => ({
        result: AuthorizeResult.CONDITIONAL,
        pluginId: 'environments',
        resourceType: 'environment',
        conditions: {
          rule: 'IS_OWNER',
          resourceType: 'environment',
          params: { owners },
        },
      })),
  } as any);
}

/**
 * A permissions service that allows every check except the named permissions
 * (denied), and answers `authorizeConditional` for the permissions in
 * `conditional` with IS_OWNER for those owners (others: allowed unless
 * denied). Resource checks (`authorize`) ignore the conditions.
 */
export function permissionsExcept(options: {
  denied?: string[];
  conditional?: Record<string, { owners: string[] }>;
}) {
  const denied = new Set(options.denied ?? []);
  const result = (name: string) =>
    denied.has(name) ? AuthorizeResult.DENY : AuthorizeResult.ALLOW;
  return mockServices.permissions.mock({
    authorize: async (requests: any[]) =>
      requests.map(r => ({ result: result(r.permission.name) })),
    authorizeConditional: async (requests: any[]) =>
      requests.map(r => {
        const owners = options.conditional?.[r.permission.name]?.owners;
        return owners
          ? {
              result: AuthorizeResult.CONDITIONAL,
              pluginId: 'environments',
              resourceType: 'environment',
              conditions: {
                rule: 'IS_OWNER',
                resourceType: 'environment',
                params: { owners },
              },
            }
          : { result: result(r.permission.name) };
      }),
  } as any);
}
