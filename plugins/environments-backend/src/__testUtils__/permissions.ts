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
